// First the test server is proven by amazon-cognito-identity-js signing in against it (and failing with a
// wrong password); then our SRP module signs in against the same server over plain fetch.
import { createHmac } from "crypto";
import * as cognitoIdentity from "amazon-cognito-identity-js";
import { signInWithLibrary } from "../../../support/library-sign-in";
import { startSrpVerifierServer, SrpVerifierServer } from "../../../support/srp-verifier-server";
import { answerPasswordVerifier, startSrp } from "../../../../core/cognito/srp";
import { startSrpWith } from "../../../../core/cognito/srp/session";
import { limbRing } from "../../../../core/cognito/srp/limbs";
import { nativeRing } from "../../../../core/cognito/srp/native";
import { Ring } from "../../../../core/cognito/srp/group";
// Exported at run time, though missing from the package's type declarations.
const { AuthenticationHelper } = cognitoIdentity as any;

const poolId = "eu-west-1_Srp7Test";
const poolName = "Srp7Test";
const clientId = "srpclient123";
const users = [
  { username: "alice", password: "Corr3ct horse 🐎 bättery" },
  { username: "bob@example.com", password: "hunter2!", userIdForSrp: "5f1c2e3d-0000-4000-a000-00000000b0b0" },
];
const random = (n: number) => new Uint8Array(require("crypto").randomBytes(n));

let server: SrpVerifierServer;
beforeAll(async () => {
  server = await startSrpVerifierServer({ users, poolId, clientId });
});
afterAll(() => server.close());

async function call(action: string, body: object): Promise<{ status: number; json: any }> {
  const res = await fetch(server.endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());

describe("the SRP verifier server, proven with amazon-cognito-identity-js", () => {
  it.each(users)("signs $username in", async ({ username, password, userIdForSrp }) => {
    const result = await signInWithLibrary({ userPoolId: poolId, clientId, endpoint: server.endpoint }, username, password);
    if (!result.ok) throw result.err;
    expect(result.session.isValid()).toBe(true);
    expect(payload(result.session.getIdToken().getJwtToken())["cognito:username"]).toBe(userIdForSrp || username);
  });

  it("refuses a wrong password with NotAuthorizedException", async () => {
    const result = await signInWithLibrary(
      { userPoolId: poolId, clientId, endpoint: server.endpoint },
      "alice",
      "Corr3ct horse 🐎 battery",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.err.code).toBe("NotAuthorizedException");
    expect(!result.ok && result.err.message).toBe("Incorrect username or password.");
  });

  it("refuses a correct signature over a zero-padded day, and an unparseable TIMESTAMP", async () => {
    // The library's own key, signed over timestamps the library itself would never send.
    const helper: any = new AuthenticationHelper(poolName);
    const sign = async (timestamp: string) => {
      const init = await call("InitiateAuth", {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "alice", SRP_A: helper.largeAValue.toString(16) },
      });
      const c = init.json.ChallengeParameters;
      const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger").default;
      let key: Buffer = Buffer.alloc(0);
      helper.getPasswordAuthenticationKey(
        c.USER_ID_FOR_SRP,
        users[0].password,
        new BigInteger(c.SRP_B, 16),
        new BigInteger(c.SALT, 16),
        (_: unknown, k: Buffer) => (key = k),
      );
      const message = Buffer.concat([
        Buffer.from(poolName + c.USER_ID_FOR_SRP),
        Buffer.from(c.SECRET_BLOCK, "base64"),
        Buffer.from(timestamp),
      ]);
      return call("RespondToAuthChallenge", {
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: {
          USERNAME: c.USER_ID_FOR_SRP,
          PASSWORD_CLAIM_SECRET_BLOCK: c.SECRET_BLOCK,
          TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: createHmac("sha256", key).update(message).digest("base64"),
        },
      });
    };
    expect((await sign("Tue Nov 3 08:04:05 UTC 2026")).json.AuthenticationResult).toBeDefined();
    expect((await sign("Tue Nov 03 08:04:05 UTC 2026")).json.__type).toBe("NotAuthorizedException");
    expect((await sign("Wed Nov 3 08:04:05 UTC 2026")).json.__type).toBe("NotAuthorizedException");
    expect((await sign("2026-11-03T08:04:05Z")).json.__type).toBe("InvalidParameterException");
    expect((await sign("Di. Nov. 3 08:04:05 UTC 2026")).json.__type).toBe("InvalidParameterException");
  });
});

/** USER_SRP_AUTH over plain fetch, our module computing both SRP steps. */
async function signInWithOurs(username: string, password: string, secret = startSrp(random)) {
  const init = await call("InitiateAuth", {
    AuthFlow: "USER_SRP_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: username, SRP_A: secret.srpA },
  });
  if (init.json.ChallengeName !== "PASSWORD_VERIFIER") return init;
  const responses = answerPasswordVerifier(secret, {
    poolName,
    password,
    challenge: init.json.ChallengeParameters,
    now: new Date(),
  });
  return call("RespondToAuthChallenge", { ClientId: clientId, ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: responses });
}

describe("our SRP module against the verifier server", () => {
  const rings: [string, Ring<any>][] = [
    ["limbs", limbRing()],
    ["native BigInt", nativeRing()],
  ];

  it.each(rings)("signs both users in (%s)", async (_, ring) => {
    for (const { username, password, userIdForSrp } of users) {
      const { status, json } = await signInWithOurs(username, password, startSrpWith(ring, random));
      expect(status).toBe(200);
      expect(payload(json.AuthenticationResult.IdToken)["cognito:username"]).toBe(userIdForSrp || username);
      expect(json.AuthenticationResult.ExpiresIn).toBe(3600);
    }
  });

  it("is refused with NotAuthorizedException for a wrong password", async () => {
    const { status, json } = await signInWithOurs("alice", "Corr3ct horse 🐎 bättery ");
    expect(status).toBe(400);
    expect(json).toEqual({ __type: "NotAuthorizedException", message: "Incorrect username or password." });
  });

  it("cannot replay an answer: a SECRET_BLOCK answers once", async () => {
    await signInWithOurs("alice", users[0].password);
    const last = server.requests[server.requests.length - 1];
    expect(last.action).toBe("RespondToAuthChallenge");
    const again = await call("RespondToAuthChallenge", last.body);
    expect(again.json.__type).toBe("NotAuthorizedException");
  });

  it("sends no password: only SRP_A, the signature, the block and the timestamp", async () => {
    const before = server.requests.length;
    await signInWithOurs("alice", users[0].password);
    const sent = JSON.stringify(server.requests.slice(before));
    expect(sent).not.toContain("Corr3ct");
    expect(Object.keys(server.requests[before + 1].body.ChallengeResponses).sort()).toEqual([
      "PASSWORD_CLAIM_SECRET_BLOCK",
      "PASSWORD_CLAIM_SIGNATURE",
      "TIMESTAMP",
      "USERNAME",
    ]);
  });

  it("names unknown users, unknown clients and disabled flows like Cognito", async () => {
    expect((await signInWithOurs("mallory", "x")).json.__type).toBe("UserNotFoundException");
    const wrongClient = await call("InitiateAuth", {
      AuthFlow: "USER_SRP_AUTH",
      ClientId: "nope",
      AuthParameters: { USERNAME: "alice", SRP_A: "02" },
    });
    expect(wrongClient.json.__type).toBe("ResourceNotFoundException");
    const passwordFlow = await call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: "alice", PASSWORD: "x" },
    });
    expect(passwordFlow.json).toEqual({
      __type: "InvalidParameterException",
      message: "USER_PASSWORD_AUTH flow not enabled for this client",
    });
  });
});

describe("the verifier server with a client secret", () => {
  it("checks SECRET_HASH on both calls, over USER_ID_FOR_SRP in the answer", async () => {
    const clientSecret = "s3cr3t-of-the-app-client";
    const s = await startSrpVerifierServer({ users: [users[1]], poolId, clientId, clientSecret });
    try {
      const hash = (name: string) =>
        createHmac("sha256", clientSecret)
          .update(name + clientId)
          .digest("base64");
      const post = (action: string, body: object) =>
        fetch(s.endpoint, {
          method: "POST",
          headers: { "X-Amz-Target": `AWSCognitoIdentityProviderService.${action}` },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<any>);
      const secret = startSrp(random);
      const missing = await post("InitiateAuth", {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: users[1].username, SRP_A: secret.srpA },
      });
      expect(missing.__type).toBe("NotAuthorizedException");
      const init = await post("InitiateAuth", {
        AuthFlow: "USER_SRP_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: users[1].username, SRP_A: secret.srpA, SECRET_HASH: hash(users[1].username) },
      });
      const answer = answerPasswordVerifier(secret, {
        poolName,
        password: users[1].password,
        challenge: init.ChallengeParameters,
        now: new Date(),
      });
      const done = await post("RespondToAuthChallenge", {
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: { ...answer, SECRET_HASH: hash(answer.USERNAME) },
      });
      expect(done.AuthenticationResult.AccessToken).toEqual(expect.any(String));
    } finally {
      await s.close();
    }
  });
});
