// The page's colours, as Zepp's widgets take them (0xRRGGBB numbers): the Fitbit watch's palette
// (app/ui/colors.ts, resources/styles.css), so both watches look alike.
export const TEXT = 0xffffff;
export const TEXT_WARN = 0xff6b6b;
export const TEXT_SMALL = 0xb0b0b0;
/** A key, a page key, a secondary button. */
export const GREY = 0x303030;
/** The page of the keyboard shown. */
export const KEY_CURRENT = 0x1f6feb;
/** The button that goes on (Sign in, OK…). */
export const BLUE = 0x1f6feb;
/** What a button turns while pressed. */
export const PRESSED = 0x5a5a5a;
