// A very small validating parser for messages: each `Parse` returns a clean copy of what it accepts
// (unknown fields dropped) or FAIL. Only the receiving side runs it (decode in ./protocol.ts). Kept tiny
// and ES5 because the watch runs it on every message it receives.
import { isDisplayText, utf8Length } from "./text";

/** What a parser returns for a value it rejects. Compared by identity. */
export const FAIL: { readonly fail: true } = { fail: true };
/** `undefined` means "absent": only `optional` parsers return it, and objects then omit the field. */
export type Parse = (value: any) => any;
export type Fields = { [name: string]: Parse };

const own = Object.prototype.hasOwnProperty;

/** Display text: `min`..`max` code units, no control characters, no lone surrogates. */
export function text(min: number, max: number): Parse {
  return (v) => (typeof v === "string" && v.length >= min && v.length <= max && isDisplayText(v) ? v : FAIL);
}

/** Printable ASCII (0x20–0x7E), `min`..`max` characters: what the watch keyboard can type. */
export function printable(min: number, max: number): Parse {
  return matching(new RegExp("^[\\x20-\\x7e]{" + min + "," + max + "}$"));
}

export function matching(pattern: RegExp): Parse {
  return (v) => (typeof v === "string" && pattern.test(v) ? v : FAIL);
}

/** A string no longer than `maxBytes` UTF-8 bytes once in JSON (escapes included). */
export function jsonString(maxBytes: number): Parse {
  return (v) => (typeof v === "string" && utf8Length(JSON.stringify(v)) - 2 <= maxBytes ? v : FAIL);
}

export function integer(min: number, max: number): Parse {
  return (v) => (typeof v === "number" && Math.floor(v) === v && v >= min && v <= max ? v : FAIL);
}

export function boolean(v: any): any {
  return typeof v === "boolean" ? v : FAIL;
}

export function oneOf(values: string[]): Parse {
  return (v) => {
    for (let i = 0; i < values.length; i++) if (v === values[i]) return v;
    return FAIL;
  };
}

export function optional(parse: Parse): Parse {
  return (v) => (v === undefined ? undefined : parse(v));
}

export function list(item: Parse, min: number, max: number): Parse {
  return (v) => {
    if (!(v instanceof Array) || v.length < min || v.length > max) return FAIL;
    const out: any[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i]);
      if (r === FAIL || r === undefined) return FAIL;
      out.push(r);
    }
    return out;
  };
}

export function object(fields: Fields): Parse {
  return (v) => (isRecord(v) ? fill(fields, v, {}) : FAIL);
}

/** A discriminated union: `tag` names the variant, whose fields are parsed as by `object`. */
export function union(tag: string, variants: { [name: string]: Fields }): Parse {
  return (v) => {
    if (!isRecord(v) || typeof v[tag] !== "string" || !own.call(variants, v[tag])) return FAIL;
    const out: any = {};
    out[tag] = v[tag]; // first, so the JSON reads naturally
    return fill(variants[v[tag]], v, out);
  };
}

function isRecord(v: any): boolean {
  return v !== null && typeof v === "object" && !(v instanceof Array);
}

function fill(fields: Fields, v: any, out: any): any {
  for (const name in fields) {
    if (!own.call(fields, name)) continue;
    const r = fields[name](v[name]);
    if (r === FAIL) return FAIL;
    if (r !== undefined) out[name] = r;
  }
  return out;
}
