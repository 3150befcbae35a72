// Zepp's settings runtime's "i18n" module (the Settings App's gettext over setting/i18n/*.po).
declare module "i18n" {
  export function gettext(id: string): string;
}
