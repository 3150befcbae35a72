// The demo seed's pools for issue 13's sign-ins, as `npm start` offers them: the custom-authentication
// pool (the `code` script, its code read from the mailbox route npm start prints), the pool whose MFA is
// required and set up at the first sign-in, and "Forgot password?" for the demo user of the first pool.
import { callCognito } from "../../../sandbox/cognito-call";
import { CognitoLocal, startCognitoLocal } from "../../../sandbox/cognito-local";
import { codesUrl, lastCode } from "../../../sandbox/last-code";
import { DemoSeed, seedDemo } from "../../../sandbox/seed-demo";
import { totpFromBase32 } from "../../../sandbox/totp";
import { answerChallenge, AuthReply, expectOk, jwtPayload, passwordSignIn } from "../../support/raw-auth";

let emulator: CognitoLocal;
let demo: DemoSeed;
beforeAll(async () => {
  emulator = await startCognitoLocal();
  demo = await seedDemo(emulator.endpoint);
});
afterAll(() => emulator?.stop());

test("three more pools, each their own, the LambdaConfig and MFA as described", async () => {
  const pools = [demo.userPoolId, demo.devices.userPoolId, demo.customAuth.userPoolId, demo.mfaSetup.userPoolId];
  expect(new Set(pools).size).toBe(4);
  const describe = (id: string) => callCognito<any>(emulator.endpoint, "DescribeUserPool", { UserPoolId: id });
  const custom = expectOk(await describe(demo.customAuth.userPoolId)).UserPool;
  const arn = "arn:aws:lambda:sandbox:000000000000:function:code";
  expect(custom.LambdaConfig).toEqual({ DefineAuthChallenge: arn, CreateAuthChallenge: arn, VerifyAuthChallengeResponse: arn });
  expect(expectOk(await describe(demo.mfaSetup.userPoolId)).UserPool.MfaConfiguration).toBe("ON");
});

test("the custom-authentication pool: CUSTOM_AUTH, the code from the printed route, tokens", async () => {
  const challenge = expectOk(
    await callCognito<AuthReply>(emulator.endpoint, "InitiateAuth", {
      AuthFlow: "CUSTOM_AUTH",
      ClientId: demo.customAuth.clientId,
      AuthParameters: { USERNAME: demo.username },
    }),
  );
  expect(challenge.ChallengeParameters).toMatchObject({ prompt: "Type the code we sent to your email", answerFormat: "digits" });
  const listed = await (await fetch(codesUrl(demo.endpoint, demo.customAuth.userPoolId, demo.username))).json();
  const code = await lastCode(demo.endpoint, demo.customAuth.userPoolId, demo.username);
  expect(listed.codes[listed.codes.length - 1]).toMatchObject({ code, purpose: "CUSTOM_CHALLENGE", destination: "demo@example.com" });
  const tokens = expectOk(
    await answerChallenge(emulator.endpoint, demo.customAuth.clientId, "CUSTOM_CHALLENGE", challenge.Session!, {
      USERNAME: demo.username,
      ANSWER: code,
    }),
  ).AuthenticationResult!;
  expect(jwtPayload(tokens.AccessToken)).toMatchObject({ username: demo.username, client_id: demo.customAuth.clientId });
});

test("the MFA pool: the demo user's password leads to MFA_SETUP, and once set up to SOFTWARE_TOKEN_MFA", async () => {
  const setUp = expectOk(await passwordSignIn(emulator.endpoint, demo.mfaSetup.clientId, demo.username, demo.mfaSetup.password));
  expect(setUp.ChallengeName).toBe("MFA_SETUP");
  const call = <T>(action: string, body: object) => callCognito<T>(emulator.endpoint, action, body).then(expectOk);
  const { SecretCode, Session } = await call<{ SecretCode: string; Session: string }>("AssociateSoftwareToken", { Session: setUp.Session });
  const verified = await call<{ Session: string }>("VerifySoftwareToken", { Session, UserCode: totpFromBase32(SecretCode) });
  const done = expectOk(
    await answerChallenge(emulator.endpoint, demo.mfaSetup.clientId, "MFA_SETUP", verified.Session, { USERNAME: demo.username }),
  );
  expect(done.AuthenticationResult).toBeDefined();
  const next = expectOk(await passwordSignIn(emulator.endpoint, demo.mfaSetup.clientId, demo.username, demo.mfaSetup.password));
  expect(next.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
});

test("the first pool's demo user can reset the password: the code in the mailbox, the new password signs in", async () => {
  const forgot = expectOk(
    await callCognito<any>(emulator.endpoint, "ForgotPassword", { ClientId: demo.clientId, Username: demo.username }),
  );
  expect(forgot.CodeDeliveryDetails).toEqual({ Destination: "d***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
  const code = await lastCode(demo.endpoint, demo.userPoolId, demo.username);
  expectOk(
    await callCognito(emulator.endpoint, "ConfirmForgotPassword", {
      ClientId: demo.clientId,
      Username: demo.username,
      ConfirmationCode: code,
      Password: "Demo5678reset",
    }),
  );
  const signedIn = expectOk(await passwordSignIn(emulator.endpoint, demo.clientId, demo.username, "Demo5678reset"));
  expect(signedIn.AuthenticationResult).toBeDefined();
});
