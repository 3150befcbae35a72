const DAYS = "SunMonTueWedThuFriSat";
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

/**
 * Cognito's PASSWORD_VERIFIER TIMESTAMP: UTC, English, `EEE MMM d HH:mm:ss UTC yyyy` with the day of the
 * month NOT zero-padded ("Tue Nov 3 08:04:05 UTC 2026"); a padded day or localized name is refused.
 */
export function formatSrpTimestamp(d: Date): string {
  const name = (names: string, i: number) => names.substr(3 * i, 3);
  // toISOString ends in "HH:mm:ss.sssZ" whatever the year (ES5 fixes its format): the time, zero-padded.
  const time = d.toISOString().slice(-13, -5);
  return name(DAYS, d.getUTCDay()) + " " + name(MONTHS, d.getUTCMonth()) + " " + d.getUTCDate() + " " + time + " UTC " + d.getUTCFullYear();
}
