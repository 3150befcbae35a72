// ClientMetadata as it is typed into the settings, read the same way by the companion (core/signin/config.ts)
// and the settings page (settings/index.tsx), which must not carry the companion's controller to check one
// field. Reading only: the limits (entries, lengths, strings only) are the client's (core/cognito's
// validateClientMetadata), which both sides call next.

/**
 * A JSON object, or `key=value` pairs separated by commas ("tenant=acme, app=watch"; spaces around each
 * part trimmed). Undefined when empty. When it cannot be read, `refuse` is called with why, worded to follow
 * "it" ("it is not valid JSON"), and must throw: the caller's own error names the setting.
 */
export function readClientMetadata(text: string | undefined, refuse: (problem: string) => never): { [key: string]: unknown } | undefined {
  if (!text) return undefined;
  if (text.charAt(0) === "{") {
    try {
      return JSON.parse(text);
    } catch (_) {
      return refuse("is not valid JSON");
    }
  }
  const out: { [key: string]: string } = {};
  for (const part of text.split(",")) {
    const pair = part.trim();
    if (!pair) continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) return refuse('must be key=value pairs, e.g. "tenant=acme, app=watch"');
    out[pair.substring(0, eq).trim()] = pair.substring(eq + 1).trim();
  }
  return out;
}
