// What Fitbit's settings runtime provides as globals to a settings page: the components, the JSX
// factory and registerSettingsPage. Imported before the page so they exist when it runs.
import { components, createComponent, registerSettingsPage } from "./components";
import { settingsStorage } from "./storage";

Object.assign(globalThis, components, { createComponent, registerSettingsPage });
settingsStorage.connect();
