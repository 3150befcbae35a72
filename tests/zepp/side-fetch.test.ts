// zepp/app-side/zepp-fetch.ts: Zepp's fetch({ url, method, headers, body }) → { status, headers, body } as
// the web's fetch the client and the session use. The body Zepp may already have parsed is text again,
// headers are read whatever their case, a GET carries no body, and the client's own deadline still holds
// over a Zepp fetch that never answers.
import { cognitoClient, CognitoTimeoutError } from "../../core/cognito";
import { webFetch, ZeppFetchRequest, ZeppFetchResponse } from "../../zepp/app-side/zepp-fetch";

function zepp(answer: ZeppFetchResponse) {
  const requests: ZeppFetchRequest[] = [];
  const fetch = webFetch((request) => {
    requests.push(request);
    return Promise.resolve(answer);
  });
  return { fetch, requests };
}

test("a parsed body is text again; headers case-insensitive, lists joined; forEach gives lower-case names", async () => {
  const { fetch, requests } = zepp({
    status: 400,
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amzn-ErrorType": "NotAuthorizedException", "Set-Cookie": ["a=1", "b=2"] },
    body: { __type: "NotAuthorizedException", message: "Incorrect username or password." },
  });
  const res = await fetch("https://cognito-idp.eu-west-1.amazonaws.com/", { method: "POST", headers: { "X-Amz-Target": "T" }, body: "{}" });
  expect(requests).toEqual([
    { url: "https://cognito-idp.eu-west-1.amazonaws.com/", method: "POST", headers: { "X-Amz-Target": "T" }, body: "{}" },
  ]);
  expect(res.status).toBe(400);
  expect(JSON.parse(await res.text())).toEqual({ __type: "NotAuthorizedException", message: "Incorrect username or password." });
  expect(res.headers.get("x-amzn-errortype")).toBe("NotAuthorizedException");
  expect(res.headers.get("CONTENT-TYPE")).toBe("application/x-amz-json-1.1");
  expect(res.headers.get("set-cookie")).toBe("a=1, b=2");
  expect(res.headers.get("content-length")).toBeNull();
  const names: string[] = [];
  (res.headers as { forEach(fn: (v: string, n: string) => void): void }).forEach((_, name) => names.push(name));
  expect(names).toEqual(["content-type", "x-amzn-errortype", "set-cookie"]);
});

test("a text body stays as it came, a missing one is empty; a GET sends no body", async () => {
  const text = zepp({ status: 200, headers: null, body: "plain words" });
  expect(await (await text.fetch("https://service.example/a", { method: "GET", headers: {} })).text()).toBe("plain words");
  expect("body" in text.requests[0]).toBe(false);
  const none = zepp({ status: 204 });
  expect(await (await none.fetch("https://service.example/b", { method: "GET", headers: {} })).text()).toBe("");
});

test("the client's deadline holds over a Zepp fetch that never answers", async () => {
  const client = cognitoClient({
    userPoolId: "eu-west-1_AbC123",
    clientId: "client",
    timeoutMs: 200,
    fetch: webFetch(() => new Promise(() => undefined)),
  });
  const started = Date.now();
  await expect(client.getUser("token")).rejects.toBeInstanceOf(CognitoTimeoutError);
  expect(Date.now() - started).toBeLessThan(2000);
});
