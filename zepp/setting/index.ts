// The Zepp Settings App page's entry: Zepp builds it again whenever settingsStorage changes, so each build
// reads the storage afresh (./page.ts). Words of the side service's messages come from the same .po as the
// watch's (the build places app/i18n/en-US.po under setting/i18n/), through Zepp's gettext.
import { gettext } from "i18n";
import { settingsPage } from "./page";
import { SettingsStorage } from "./zepp-components";

declare function AppSettingsPage(options: { build(props: { settingsStorage: SettingsStorage }): unknown }): void;

AppSettingsPage({
  build(props) {
    return settingsPage(props.settingsStorage, gettext);
  },
});
