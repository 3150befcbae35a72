// What the sandbox cannot pose, posed by a server that answers from a script as Cognito would: MFA_SETUP
// offering both methods (the CLI asks which) and the set-up of codes by email, and a custom challenge
// whose prompt and parameters carry control characters (shown only as printable text).
import { makeJwt } from "../../../devkit/simulation/jwt";
import { Behaviour, startMisbehavingServer } from "../../support/misbehaving-server";
import { runCli } from "../../support/run-cli";

const tokens = (): Behaviour => {
  const jwt = makeJwt({ username: "ann", sub: "5b0c4f0e-7d3a-4c1e-9a53-2f4b7c1d9e01", exp: Math.floor(Date.now() / 1000) + 3600 });
  return { kind: "json", body: { AuthenticationResult: { AccessToken: jwt, IdToken: jwt, RefreshToken: "r-ann", ExpiresIn: 3600 } } };
};
const challenge = (name: string, parameters: Record<string, string>, session: string): Behaviour => ({
  kind: "json",
  body: { ChallengeName: name, ChallengeParameters: parameters, Session: session },
});
const login = (endpoint: string, flow: string) => [
  "login",
  ...["--user-pool-id", "local_x1", "--client-id", "abc", "--username", "ann", "--flow", flow, "--endpoint", endpoint],
];

test("MFA_SETUP offering both methods: the CLI asks which; codes by email: the address asked, then the EMAIL_OTP code", async () => {
  const server = await startMisbehavingServer({
    queue: [
      challenge("MFA_SETUP", { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' }, "s1"),
      challenge("EMAIL_OTP", { CODE_DELIVERY_DESTINATION: "a***@e***", CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL" }, "s2"),
      tokens(),
    ],
  });
  try {
    const res = await runCli(login(server.endpoint, "password"), "Pw1secret\n2\nann@example.com\n424242\n");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const [, setUp, code] = server.requests.map((r) => r.json as any);
    expect(setUp).toMatchObject({
      ChallengeName: "MFA_SETUP",
      Session: "s1",
      ChallengeResponses: { USERNAME: "ann", EMAIL: "ann@example.com" },
    });
    expect(code).toMatchObject({ ChallengeName: "EMAIL_OTP", Session: "s2", ChallengeResponses: { EMAIL_OTP_CODE: "424242" } });
  } finally {
    await server.close();
  }
});

test("MFA_SETUP: a choice that is not offered is refused by name, before anything more is sent", async () => {
  const server = await startMisbehavingServer({
    queue: [challenge("MFA_SETUP", { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' }, "s1")],
  });
  try {
    const res = await runCli(login(server.endpoint, "password"), "Pw1secret\nSMS_MFA\n");
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('fitbit-cognito: "SMS_MFA" is not one of SOFTWARE_TOKEN_MFA, EMAIL_OTP');
    expect(server.requests).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test("a custom challenge's prompt and parameters from the server reach the terminal as printable text only", async () => {
  const hostile = "Code?\n\u001b[2Jfitbit-cognito: Signed in as admin\u0007";
  const server = await startMisbehavingServer({
    queue: [
      challenge("CUSTOM_CHALLENGE", { USERNAME: "ann", prompt: hostile, answerFormat: "digits" }, "s1"),
      challenge("CUSTOM_CHALLENGE", { USERNAME: "ann", "k\u001b]0;x": "v\r\nw" }, "s2"),
      tokens(),
    ],
  });
  try {
    const res = await runCli(login(server.endpoint, "custom"), "1234\nanswer\n");
    expect(res.code).toBe(0);
    expect(res.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(res.stderr.split("\n")).toEqual(["Code?\\n\\u001b[2Jfitbit-cognito: Signed in as admin\\u0007", "k\\u001b]0;x: v\\r\\nw", ""]);
    const answers = server.requests.slice(1).map((r) => (r.json as any).ChallengeResponses);
    expect(answers).toEqual([
      { USERNAME: "ann", ANSWER: "1234" },
      { USERNAME: "ann", ANSWER: "answer" },
    ]);
  } finally {
    await server.close();
  }
});
