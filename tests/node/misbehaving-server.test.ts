import { request as httpRequest } from "node:http";
import { CORAL_ERROR_URI, MisbehavingServer, startMisbehavingServer, TEN_MEGABYTES } from "../support/misbehaving-server";

const cognitoHeaders = {
  "Content-Type": "application/x-amz-json-1.1",
  "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
};

function post(server: MisbehavingServer, body: object, signal?: AbortSignal): Promise<Response> {
  return fetch(server.endpoint, { method: "POST", headers: cognitoHeaders, body: JSON.stringify(body), signal });
}

describe("misbehaving server", () => {
  let server: MisbehavingServer;
  beforeEach(async () => {
    server = await startMisbehavingServer();
  });
  afterEach(() => server.close());

  it("listens on a loopback port and records method, path, headers and body of each request", async () => {
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    server.respondWith({ kind: "json", body: { ok: 1 } }, { kind: "json", body: { ok: 2 } });
    await (await post(server, { AuthFlow: "USER_PASSWORD_AUTH", ClientId: "abc" })).text();
    await (await post(server, { second: true })).text();

    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(first.method).toBe("POST");
    expect(first.url).toBe("/");
    expect(first.headers["x-amz-target"]).toBe("AWSCognitoIdentityProviderService.InitiateAuth");
    expect(first.headers["content-type"]).toBe("application/x-amz-json-1.1");
    expect(first.json).toEqual({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "abc" });
    expect(second.body).toBe('{"second":true}');
  });

  it("answers queued behaviours in order, then the fallback", async () => {
    server.respondWith({ kind: "json", body: { n: 1 } }, { kind: "json", body: { n: 2 } });
    server.always({ kind: "json", status: 418, body: { n: "always" } });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const response = await post(server, {});
      answers.push([response.status, await response.json()]);
    }
    expect(answers).toEqual([
      [200, { n: 1 }],
      [200, { n: 2 }],
      [418, { n: "always" }],
      [418, { n: "always" }],
    ]);
  });

  it("says so when nothing was queued", async () => {
    const response = await post(server, {});
    expect(response.status).toBe(500);
    expect((await response.json()).__type).toBe("MisbehavingServer#NothingQueued");
  });

  it("hangs: the client only gets out by giving up, and the request is still recorded", async () => {
    server.respondWith({ kind: "hang" });
    const started = Date.now();
    await expect(post(server, { hung: 1 }, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.requests[0].json).toEqual({ hung: 1 });
  });

  it("closes promptly even with hung requests open", async () => {
    server.always({ kind: "hang" });
    const pending = [post(server, {}), post(server, {})].map((p) =>
      p.then(
        () => "answered",
        () => "failed",
      ),
    );
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await Promise.all(pending)).toEqual(["failed", "failed"]);
  });

  it("answers an HTML page with 200, or with any status", async () => {
    server.respondWith({ kind: "html" }, { kind: "html", status: 500 });
    const ok = await post(server, {});
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await ok.text()).toMatch(/^<!DOCTYPE html>/);
    const failed = await post(server, {});
    expect(failed.status).toBe(500);
    expect(await failed.text()).toMatch(/<html>/);
  });

  it("answers truncated JSON that does not parse", async () => {
    server.respondWith({ kind: "truncated-json" });
    const response = await post(server, {});
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"AuthenticationResult":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("answers a Cognito error in the body, in the x-amzn-ErrorType header only, or in both", async () => {
    server.respondWith(
      { kind: "cognito-error", status: 400, type: "NotAuthorizedException", message: "Incorrect username or password." },
      { kind: "cognito-error", status: 400, type: "NotAuthorizedException", in: "header" },
      { kind: "cognito-error", status: 500, type: "InternalErrorException", message: "boom", in: "both" },
    );
    const inBody = await post(server, {});
    expect(inBody.status).toBe(400);
    expect(inBody.headers.get("x-amzn-errortype")).toBeNull();
    expect(await inBody.json()).toEqual({ __type: "NotAuthorizedException", message: "Incorrect username or password." });

    const inHeader = await post(server, {});
    expect(inHeader.status).toBe(400);
    expect(inHeader.headers.get("x-amzn-errortype")).toBe(`NotAuthorizedException:${CORAL_ERROR_URI}`);
    expect(await inHeader.text()).toBe("");

    const inBoth = await post(server, {});
    expect(inBoth.status).toBe(500);
    expect(inBoth.headers.get("x-amzn-errortype")).toBe(`InternalErrorException:${CORAL_ERROR_URI}`);
    expect(inBoth.headers.get("x-amzn-errormessage")).toBe("boom");
    expect(await inBoth.json()).toEqual({ __type: "InternalErrorException", message: "boom" });
  });

  it("keeps a prefixed __type as given", async () => {
    const type = "com.amazonaws.cognito.identity.idp.model#UserNotFoundException";
    server.respondWith({ kind: "cognito-error", status: 400, type, message: "User does not exist." });
    expect((await (await post(server, {})).json()).__type).toBe(type);
  });

  it("sends a 10 MB body that is valid JSON, announced by Content-Length", async () => {
    server.respondWith({ kind: "huge-body" });
    const response = await post(server, {});
    expect(response.headers.get("content-length")).toBe(String(TEN_MEGABYTES));
    const text = await response.text();
    expect(text.length).toBe(TEN_MEGABYTES);
    expect(Object.keys(JSON.parse(text))).toEqual(["padding"]);
  });

  it("lets a client abandon the huge body part-way without harm", async () => {
    server.respondWith({ kind: "huge-body" }, { kind: "json", body: { after: true } });
    const response = await post(server, {});
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    await reader.cancel();
    expect(await (await post(server, {})).json()).toEqual({ after: true });
  });

  it("resets the connection mid-response", async () => {
    server.respondWith({ kind: "reset" });
    // node:http shows the reset itself (fetch wraps it as "terminated").
    const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      const req = httpRequest(server.endpoint, { method: "POST", headers: cognitoHeaders }, (res) => {
        expect(res.statusCode).toBe(200);
        res.on("data", () => undefined);
        res.on("error", resolve);
        res.on("end", () => reject(new Error("the body ended normally")));
      });
      req.on("error", resolve);
      req.end("{}");
    });
    expect(error.code).toBe("ECONNRESET");

    server.respondWith({ kind: "reset" });
    const response = await post(server, {});
    await expect(response.text()).rejects.toThrow();
  });

  it("answers valid JSON labelled text/html", async () => {
    server.respondWith({ kind: "json", body: { AuthenticationResult: { AccessToken: "a" } }, contentType: "text/html" });
    const response = await post(server, {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(JSON.parse(await response.text())).toEqual({ AuthenticationResult: { AccessToken: "a" } });
  });

  it("delays, then behaves as told", async () => {
    server.respondWith({ kind: "delay", ms: 200, then: { kind: "json", body: { late: true } } });
    const started = Date.now();
    expect(await (await post(server, {})).json()).toEqual({ late: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("hands full control to a custom handler, which sees the recorded request", async () => {
    server.respondWith({
      kind: "custom",
      handle: (request, response) => {
        response.writeHead(202, { "X-Echo": String((request.json as { v: number }).v) });
        response.end();
      },
    });
    const response = await post(server, { v: 42 });
    expect(response.status).toBe(202);
    expect(response.headers.get("x-echo")).toBe("42");
  });
});
