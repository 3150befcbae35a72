// JSON objects as Cognito's answers, its nested challenge parameters and JWT payloads carry them: read
// by one definition (an object that is neither null nor an array) and one parse that never throws, and
// the two kinds of field this client reads out of them.

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The object `text` holds, or undefined for anything else, malformed JSON included. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch (_) {
    return undefined;
  }
}

/** A string with something in it, or undefined: an empty token or name is as good as none. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

export function finiteNumber(value: unknown): number | undefined {
  return typeof value === "number" && isFinite(value) ? value : undefined;
}
