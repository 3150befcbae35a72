const DAYS = "SunMonTueWedThuFriSat";
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const two = (n: number) => (n < 10 ? "0" : "") + n;

/**
 * Cognito's PASSWORD_VERIFIER TIMESTAMP: UTC, English, `EEE MMM d HH:mm:ss UTC yyyy` with the day of the
 * month NOT zero-padded ("Tue Nov 3 08:04:05 UTC 2026"); a padded day or localized name is refused.
 */
export function formatSrpTimestamp(d: Date): string {
  const day = d.getUTCDay() * 3;
  const month = d.getUTCMonth() * 3;
  return (
    DAYS.slice(day, day + 3) + " " + MONTHS.slice(month, month + 3) + " " + d.getUTCDate() + " " +
    two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()) + ":" + two(d.getUTCSeconds()) + " UTC " +
    d.getUTCFullYear()
  );
}
