// What the code under test sends to Cognito through the global fetch (the companion's default, the
// preview's phone, the client without a fetch of its own): recorded by wrapping it for the test, each
// request passed on unchanged. jest.restoreAllMocks() puts the real fetch back.

export interface CognitoRequests {
  /** Each request's action, with its AuthFlow when it has one: "InitiateAuth:USER_SRP_AUTH". */
  actions(): string[];
  /** Every request body, one a line: to check that a secret never went on the wire. */
  bodies(): string;
}

export function recordCognitoRequests(): CognitoRequests {
  const sent: { action: string; body: string }[] = [];
  const realFetch = globalThis.fetch;
  jest.spyOn(globalThis, "fetch").mockImplementation((url, init) => {
    const target = new Headers(init && init.headers).get("x-amz-target");
    if (target && init && typeof init.body === "string") {
      const flow = JSON.parse(init.body).AuthFlow;
      sent.push({ action: target.split(".")[1] + (flow ? ":" + flow : ""), body: init.body });
    }
    return realFetch(url, init);
  });
  return { actions: () => sent.map((s) => s.action), bodies: () => sent.map((s) => s.body).join("\n") };
}
