// Colours set from code: Fitbit does not restyle an element whose class changes, so what changes
// colour at run time is set through element.style. Keep in step with resources/styles.css.
export const KEY = "#303030";
export const KEY_CURRENT = "#1f6feb";
export const TEXT = "white";
export const TEXT_WARN = "#ff6b6b";
export const TEXT_SMALL = "#b0b0b0";
