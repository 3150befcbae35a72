// The one rule for every URL this code sends passwords or tokens to (the Cognito endpoint, the wearer's
// own service): https anywhere, plain http only to this machine, never a user name or password in it.
// The decision is made on the URL as the WHATWG URL standard reads it (what fetch will read), and the
// URL handed on is that reading, serialized: so "http://0x7f000001/" goes out as "http://127.0.0.1/",
// and no other parser gets the chance to read the text another way.
import { checkConfig } from "./errors";

// Not among the companion's declared globals (Fitbit's types declare URLSearchParams only), so whether
// its runtime has URL is not known: declared here, for this module, and looked up with typeof.
declare const URL:
  (new (text: string) => { protocol: string; username: string; password: string; hostname: string; href: string }) | undefined;

/**
 * The scheme and the authority as typed, then a path. No white space, control character or backslash
 * anywhere: the URL standard drops tabs and newlines and reads "\" as "/", other parsers do not, and a
 * URL that reads two ways is refused rather than guessed. No query or fragment: paths are appended to a
 * base URL.
 */
const TYPED = /^https?:\/\/([^/?#]+)[^?#]*$/i;
const UNCLEAR = /[\s\0-\x1f\x7f\\]/;
/** Loopback as URL serializes it: localhost, 127.0.0.0/8 (127.1, 0x7f000001... arrive here as 127.0.0.1),
 *  [::1]. Not "localhost." (a name for DNS), nor [::ffff:127.0.0.1] (loopback only on a dual-stack socket). */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** `text` as fetch should be given it; a CognitoConfigError about `field` when it breaks the rule. */
export function checkUrl(text: string, field: string): string {
  const t = text.trim();
  const typed = UNCLEAR.test(t) ? null : TYPED.exec(t);
  let url: InstanceType<NonNullable<typeof URL>> | undefined;
  try {
    if (typed) url = new URL!(t);
  } catch (_) {
    // Not a URL (a port past 65535, a character no host may have); or no URL class in this runtime:
    // then only the plainest https form is taken, as typed.
    if (typeof URL !== "function" && /^https:\/\/[\w.-]+(:\d{1,5})?(\/[^@]*)?$/i.test(t)) return /^https:\/\/[^/]+$/i.test(t) ? t + "/" : t;
  }
  checkConfig(url, field, "must be an http(s) URL");
  // "@" in the authority as typed too: the standard drops an empty user name ("http://@host/") silently.
  checkConfig(!url.username && !url.password && typed![1].indexOf("@") < 0, field, "must not carry a user name or password");
  checkConfig(url.protocol === "https:" || LOOPBACK.test(url.hostname), field, "may use plain http only for localhost; use https");
  return url.href;
}
