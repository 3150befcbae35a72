// Fitbit's "i18n" for the settings page (and any companion code): the words of app/i18n/en-US.po, read
// by the same code the CLI uses, so a test sees what the phone would show in English.
export { gettext } from "../../messages";
