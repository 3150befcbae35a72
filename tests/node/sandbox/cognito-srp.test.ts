// USER_SRP_AUTH on the sandbox's cognito-local (the emulator has none; cognito-local-child.ts adds it in
// front of it): first proven by amazon-cognito-identity-js signing in, then used by our client the way a
// pool configured as the console does would be: SRP by default, then the emulator's own new-password
// and TOTP challenges, its tokens, its refresh.
import { CognitoClient, cognitoClient } from "../../../core/cognito";
import { cognitoAdmin, CognitoAdmin } from "../../../sandbox/cognito-admin";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { totpFromBase32 } from "../../../sandbox/totp";
import { CognitoRequests, recordCognitoRequests } from "../../support/cognito-requests";
import { signInWithLibrary } from "../../support/library-sign-in";

let emulator: CognitoLocal;
let admin: CognitoAdmin;
let userPoolId: string;
/** Allows SRP (and refresh), not USER_PASSWORD_AUTH: the console's default app client. */
let srpClientId: string;
/** Allows USER_PASSWORD_AUTH only. */
let passwordClientId: string;

beforeAll(async () => {
  emulator = await startCognitoLocal();
  admin = cognitoAdmin(emulator.endpoint);
  ({ userPoolId } = await admin.createUserPool({ name: "srp-pool" }));
  ({ clientId: srpClientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "console-default",
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  }));
  ({ clientId: passwordClientId } = await admin.createUserPoolClient({
    userPoolId,
    name: "password-only",
    explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  }));
});
afterAll(() => emulator?.stop());

let count = 0;
async function confirmedUser(): Promise<{ username: string; password: string }> {
  const username = `srp${++count}`;
  const password = `Srp-${count} pässword`;
  await admin.adminCreateUser({ userPoolId, username, temporaryPassword: `Temp${count}pass` });
  await admin.adminSetUserPassword({ userPoolId, username, password, permanent: true });
  return { username, password };
}

const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());

/** Our client over Node's fetch (its default), with what it sends recorded. */
function ourClient(clientId: string): { client: CognitoClient } & CognitoRequests {
  return { client: cognitoClient({ userPoolId, clientId, endpoint: emulator.endpoint }), ...recordCognitoRequests() };
}
afterEach(() => jest.restoreAllMocks());

describe("proven with amazon-cognito-identity-js", () => {
  test("it signs in with SRP and gets the emulator's own tokens", async () => {
    const { username, password } = await confirmedUser();
    const result = await signInWithLibrary({ userPoolId, clientId: srpClientId, endpoint: emulator.endpoint }, username, password);
    if (!result.ok) throw result.err;
    expect(result.session.isValid()).toBe(true);
    const claims = payload(result.session.getAccessToken().getJwtToken());
    expect(claims).toMatchObject({ username, iss: `${emulator.endpoint}/${userPoolId}` });
  });

  test("a wrong password: NotAuthorizedException, as Cognito answers it", async () => {
    const { username, password } = await confirmedUser();
    const result = await signInWithLibrary({ userPoolId, clientId: srpClientId, endpoint: emulator.endpoint }, username, password + "!");
    expect(result.ok).toBe(false);
    expect(!result.ok && [result.err.code, result.err.message]).toEqual(["NotAuthorizedException", "Incorrect username or password."]);
  });
});

describe("our client", () => {
  test("auto picks SRP; the password never goes on the wire; the refresh token works", async () => {
    const { username, password } = await confirmedUser();
    const { client, actions, bodies } = ourClient(srpClientId);
    const step = await client.signIn(username, password, { flow: "auto" });
    if (step.kind !== "signedIn") throw new Error(`expected tokens, got ${step.kind}`);
    expect(step.flow).toBe("USER_SRP_AUTH");
    expect(actions()).toEqual(["InitiateAuth:USER_SRP_AUTH", "RespondToAuthChallenge"]);
    expect(bodies()).not.toContain(password);
    const refreshed = await client.refresh(step.tokens.refreshToken, username);
    expect(payload(refreshed.accessToken).username).toBe(username);
  });

  test("a user with a temporary password: PASSWORD_VERIFIER, then NEW_PASSWORD_REQUIRED, then tokens", async () => {
    const username = `srp${++count}`;
    await admin.adminCreateUser({ userPoolId, username, temporaryPassword: "Temp-Srp-1" });
    const { client } = ourClient(srpClientId);
    const first = await client.signIn(username, "Temp-Srp-1", { flow: "srp" });
    if (first.kind !== "challenge") throw new Error("expected a challenge");
    expect(first.pending.challenge.name).toBe("NEW_PASSWORD_REQUIRED");
    const done = await client.respond(first.pending, { name: "NEW_PASSWORD_REQUIRED", newPassword: "Chosen-Srp-2" });
    expect(done.kind).toBe("signedIn");
    // From now on SRP proves the new password.
    expect((await client.signIn(username, "Chosen-Srp-2", { flow: "srp" })).kind).toBe("signedIn");
  });

  test("TOTP MFA after SRP: the emulator's code check", async () => {
    const { username, password } = await confirmedUser();
    await admin.setUserPoolMfaConfig({ userPoolId, mfa: "OPTIONAL", softwareToken: true });
    const { secret } = await admin.enableTotpMfa({ clientId: passwordClientId, username, password });
    const { client } = ourClient(srpClientId);
    const step = await client.signIn(username, password, { flow: "srp" });
    if (step.kind !== "challenge") throw new Error("expected a challenge");
    expect(step.pending.challenge.name).toBe("SOFTWARE_TOKEN_MFA");
    const done = await client.respond(step.pending, { name: "SOFTWARE_TOKEN_MFA", code: totpFromBase32(secret) });
    expect(done.kind).toBe("signedIn");
  });

  test("a wrong password: NotAuthorizedException", async () => {
    const { username } = await confirmedUser();
    const { client } = ourClient(srpClientId);
    await expect(client.signIn(username, "not-it", { flow: "srp" })).rejects.toMatchObject({ type: "NotAuthorizedException" });
  });

  test("an app client without ALLOW_USER_SRP_AUTH refuses SRP as Cognito does, and auto falls back to the password", async () => {
    const { username, password } = await confirmedUser();
    const { client, actions } = ourClient(passwordClientId);
    await expect(client.signIn(username, password, { flow: "srp" })).rejects.toMatchObject({
      type: "InvalidParameterException",
      serverMessage: "USER_SRP_AUTH flow not enabled for this client",
    });
    const step = await client.signIn(username, password, { flow: "auto" });
    expect(step.kind === "signedIn" && step.flow).toBe("USER_PASSWORD_AUTH");
    expect(actions().slice(-2)).toEqual(["InitiateAuth:USER_SRP_AUTH", "InitiateAuth:USER_PASSWORD_AUTH"]);
  });
});
