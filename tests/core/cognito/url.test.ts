// The one rule for URLs that carry passwords and tokens (core/cognito/url.ts): https anywhere, plain
// http only to this machine, never a user name or password, and nothing that reads two ways. Every
// trick below goes through both places that take a URL: the Cognito endpoint (the client's settings,
// which the CLI and the settings page also use) and the wearer's service base URL (the companion's config).
import { checkUrl, cognitoClient, CognitoConfigError } from "../../../core/cognito";
import { configReader } from "../../../core/signin";
import { SETTING } from "../../../common/settings-keys";

const USERINFO = "must not carry a user name or password";
const PLAIN_HTTP = "may use plain http only for localhost; use https";
const NOT_A_URL = "must be an http(s) URL";

// [what it is, the URL as typed, what comes of it: the URL handed to fetch, or the refusal]
const cases: [string, string, { url: string } | { refused: string }][] = [
  // userinfo, in every disguise: the host is what follows the "@"
  ["a port-looking password before the real host", "http://127.0.0.1:1@example.com/api", { refused: USERINFO }],
  ["an IPv6 loopback as the user name, scheme in capitals", "HTTP://[::1]@evil.example/", { refused: USERINFO }],
  ["userinfo on https too", "https://ann:secret@proxy.example.com/", { refused: USERINFO }],
  ["a user name alone", "https://ann@proxy.example.com/", { refused: USERINFO }],
  ["an empty userinfo, which the URL standard drops silently", "http://@127.0.0.1/", { refused: USERINFO }],
  ["localhost as the user name", "http://localhost@evil.example:9229/", { refused: USERINFO }],
  // names that only begin like loopback
  ["127.0.0.1 as a subdomain", "http://127.0.0.1.evil.example/", { refused: PLAIN_HTTP }],
  ["localhost as a subdomain", "http://localhost.evil.example/", { refused: PLAIN_HTTP }],
  ["a percent-encoded dot that makes a subdomain", "http://localhost%2eevil.example/", { refused: PLAIN_HTTP }],
  ["localhost. (a name for DNS to resolve)", "http://localhost./", { refused: PLAIN_HTTP }],
  ["a subdomain of localhost", "http://app.localhost/", { refused: PLAIN_HTTP }],
  ["IPv4-mapped IPv6 (loopback only on a dual-stack socket)", "http://[::ffff:127.0.0.1]/", { refused: PLAIN_HTTP }],
  ["a remote address", "http://10.0.0.1:9229", { refused: PLAIN_HTTP }],
  ["a remote name", "http://example.com/api", { refused: PLAIN_HTTP }],
  // loopback in other spellings: the standard reads them as 127.0.0.1, and that is what goes out
  ["loopback in hex", "http://0x7f000001/", { url: "http://127.0.0.1/" }],
  ["loopback shortened", "http://127.1/", { url: "http://127.0.0.1/" }],
  ["loopback as one decimal", "http://2130706433:9229/x", { url: "http://127.0.0.1:9229/x" }],
  ["loopback in octal", "http://0177.0.0.1/", { url: "http://127.0.0.1/" }],
  ["loopback percent-encoded", "http://%31%32%37.0.0.1/", { url: "http://127.0.0.1/" }],
  ["loopback with a trailing dot", "http://127.0.0.1./", { url: "http://127.0.0.1/" }],
  ["IPv6 loopback written out", "http://[0:0:0:0:0:0:0:1]:9229", { url: "http://[::1]:9229/" }],
  ["the rest of 127/8", "http://127.255.0.9:80/", { url: "http://127.255.0.9/" }],
  // case: scheme and host compared as the standard reads them, lower case
  ["scheme and host in capitals", "HTTP://LOCALHOST:9229", { url: "http://localhost:9229/" }],
  ["https in capitals", "HTTPS://Proxy.Example.COM/Cognito", { url: "https://proxy.example.com/Cognito" }],
  // text that reads two ways, or not as a URL of ours at all
  ["a backslash, read as / by the standard and not by others", "http://127.0.0.1\\@evil.example/", { refused: NOT_A_URL }],
  ["a backslash in the path", "https://proxy.example.com\\cognito", { refused: NOT_A_URL }],
  ["a tab, which the standard drops", "http://127.0.0.1\t.evil.example/", { refused: NOT_A_URL }],
  ["a newline", "https://proxy.example.com/\ncognito", { refused: NOT_A_URL }],
  ["a space in the host", "https://proxy example.com/", { refused: NOT_A_URL }],
  ["a NUL in the host", "http://localhost%00/", { refused: NOT_A_URL }],
  ["a fragment", "http://127.0.0.1/#@evil.example", { refused: NOT_A_URL }],
  ["a query", "https://proxy.example.com/?next=/", { refused: NOT_A_URL }],
  ["javascript:", "javascript:alert(1)", { refused: NOT_A_URL }],
  ["ftp", "ftp://127.0.0.1/", { refused: NOT_A_URL }],
  ["no slashes after the scheme (the standard would guess)", "http:127.0.0.1/x", { refused: NOT_A_URL }],
  ["three slashes (the standard would guess)", "http:///127.0.0.1/", { refused: NOT_A_URL }],
  ["no host", "https:///", { refused: NOT_A_URL }],
  ["a port past 65535", "http://127.0.0.1:70000", { refused: NOT_A_URL }],
  ["nothing", "", { refused: NOT_A_URL }],
  // the plain cases
  ["https anywhere", "https://cognito-idp.eu-west-1.amazonaws.com", { url: "https://cognito-idp.eu-west-1.amazonaws.com/" }],
  ["white space around it", "  https://proxy.example.com/cognito \n", { url: "https://proxy.example.com/cognito" }],
  ["localhost", "http://localhost:9229/", { url: "http://localhost:9229/" }],
  ["IPv6 loopback", "http://[::1]:9229", { url: "http://[::1]:9229/" }],
  ["an @ in the path is a path", "https://svc.example/users/@me", { url: "https://svc.example/users/@me" }],
];

const POOL = "eu-west-1_AbC123";
const CLIENT = "abc123";

describe.each(cases)("%s: %j", (_, typed, outcome) => {
  test("checkUrl", () => {
    if ("url" in outcome) expect(checkUrl(typed, "endpoint")).toBe(outcome.url);
    else expect(() => checkUrl(typed, "endpoint")).toThrow(new CognitoConfigError("endpoint", outcome.refused));
  });

  test("as the Cognito endpoint", () => {
    const make = () =>
      cognitoClient({ userPoolId: POOL, clientId: CLIENT, endpoint: typed, fetch: async () => Promise.reject(new Error("no")) });
    if ("url" in outcome) expect(make().config.url).toBe(outcome.url);
    // Nothing is the absence of an endpoint: the regional one.
    else if (!typed) expect(make().config.url).toBe("https://cognito-idp.eu-west-1.amazonaws.com/");
    else expect(make).toThrow(`endpoint: ${outcome.refused}`);
  });

  test("as the service base URL", () => {
    const settings: { [key: string]: string } = {
      [SETTING.userPoolId]: JSON.stringify({ name: POOL }),
      [SETTING.clientId]: JSON.stringify({ name: CLIENT }),
      [SETTING.serviceUrl]: JSON.stringify({ name: typed }),
    };
    const result = configReader((key) => settings[key] ?? null)();
    if (!result.ok) throw new Error("the pool settings were refused");
    const service = result.config.service;
    // The base URL is kept without its trailing slash: the watch's paths start with one.
    if ("url" in outcome) expect(service).toEqual({ ok: true, url: outcome.url.replace(/\/+$/, "") });
    else if (!typed.trim()) expect(service).toEqual({ ok: false, problem: { m: "noServiceUrl" } });
    else expect(service).toEqual({ ok: false, problem: { m: "badServiceUrl", x: `service URL ${outcome.refused}` } });
  });
});

describe("a runtime without the URL class (Fitbit's companion types do not promise one)", () => {
  const saved = globalThis.URL;
  beforeEach(() => {
    delete (globalThis as { URL?: unknown }).URL;
  });
  afterEach(() => {
    globalThis.URL = saved;
  });

  test("takes only the plainest https form, as typed", () => {
    expect(typeof URL).toBe("undefined");
    expect(checkUrl("https://proxy.example.com", "endpoint")).toBe("https://proxy.example.com/");
    expect(checkUrl("https://proxy.example.com:8443/cognito", "endpoint")).toBe("https://proxy.example.com:8443/cognito");
    for (const refused of [
      "http://127.0.0.1:9229/",
      "https://ann@proxy.example.com/",
      "https://127.0.0.1:1@example.com/",
      "https://proxy.example.com\\cognito",
      "https://[::1]/",
      "https://proxy.example.com/?q",
      "javascript:alert(1)",
    ]) {
      expect(() => checkUrl(refused, "endpoint")).toThrow(CognitoConfigError);
    }
  });
});
