// SRP time after the password is known — S, the HKDF key and the signature — ours against
// amazon-cognito-identity-js doing the same (getPasswordAuthenticationKey + the signature CognitoUser
// computes), on the same challenges, interleaved, medians. Ours runs once on 22-bit limbs with the BigInt
// global removed (as on a companion without BigInt) and once on native BigInt. A = g^a is reported too,
// though both sides compute it before the password is typed.
import { randomBytes } from "crypto";
import * as cognitoIdentity from "amazon-cognito-identity-js";
import { Sha256 } from "@aws-crypto/sha256-js";
import { answerPasswordVerifier, startSrpWith } from "../core/cognito";
import { limbRing } from "../core/cognito";
import { nativeRing } from "../core/cognito";
import { N_HEX, Ring } from "../core/cognito";
// Exported at run time, though missing from the package's type declarations.
const { AuthenticationHelper } = cognitoIdentity as any;

// eslint-disable-next-line @typescript-eslint/no-var-requires
const BigInteger = require("amazon-cognito-identity-js/lib/BigInteger").default;

const RUNS = 25;
const WARMUP = 3;
const poolName = "Bench1234";
const password = "correct horse battery staple";

interface Challenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
}

function challenge(): Challenge {
  const N = BigInt("0x" + N_HEX);
  return {
    SALT: randomBytes(16).toString("hex"),
    SRP_B: (BigInt("0x" + randomBytes(384).toString("hex")) % N).toString(16),
    SECRET_BLOCK: randomBytes(1200).toString("base64"),
    USER_ID_FOR_SRP: "0f4e5d6c-1111-4222-a333-444455556666",
  };
}

/** What amazon-cognito-identity-js does after the password is known. */
function theirs(helper: any, c: Challenge, timestamp: string): string {
  let signature = "";
  helper.getPasswordAuthenticationKey(
    c.USER_ID_FOR_SRP,
    password,
    new BigInteger(c.SRP_B, 16),
    new BigInteger(c.SALT, 16),
    (err: unknown, hkdf: Buffer) => {
      if (err) throw err;
      const message = Buffer.concat([
        Buffer.from(poolName, "utf8"),
        Buffer.from(c.USER_ID_FOR_SRP, "utf8"),
        Buffer.from(c.SECRET_BLOCK, "base64"),
        Buffer.from(timestamp, "utf8"),
      ]);
      const hmac = new Sha256(hkdf);
      hmac.update(message);
      signature = Buffer.from(hmac.digestSync()).toString("base64");
    },
  );
  return signature;
}

function withoutBigInt<T>(f: () => T): T {
  const g = globalThis as any;
  const saved = g.BigInt;
  delete g.BigInt;
  try {
    return f();
  } finally {
    g.BigInt = saved;
  }
}

const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export default async function run() {
  const rings: Ring<unknown>[] = [withoutBigInt(() => limbRing()), nativeRing()];
  const limbs = (f: () => unknown) => withoutBigInt(f);
  const native = (f: () => unknown) => f();
  const wrap = [limbs, native];
  const answer = { limbs: [] as number[], native: [] as number[], theirs: [] as number[] };
  const start = { limbs: [] as number[], native: [] as number[], theirs: [] as number[] };

  for (let i = 0; i < WARMUP + RUNS; i++) {
    const c = challenge();
    const now = new Date();
    const timestamp = "Tue Nov 3 08:04:05 UTC 2026";
    const keep = i >= WARMUP;
    // Rotate who goes first so that drift on a shared machine does not favour one side.
    const order = [0, 1, 2].map((k) => (k + i) % 3);
    for (const who of order) {
      if (who === 2) {
        let helper: any;
        const ts = time(() => (helper = new AuthenticationHelper(poolName))); // computes a and A
        const ta = time(() => theirs(helper, c, timestamp));
        if (keep) (start.theirs.push(ts), answer.theirs.push(ta));
      } else {
        const ring = rings[who];
        const key = who === 0 ? "limbs" : "native";
        wrap[who](() => {
          let secret: any;
          const ts = time(() => (secret = startSrpWith(ring, (n) => new Uint8Array(randomBytes(n)))));
          const ta = time(() => answerPasswordVerifier(secret, { poolName, password, challenge: c, now }));
          if (keep) (start[key].push(ts), answer[key].push(ta));
        });
      }
    }
  }

  const label = `amazon-cognito-identity-js, median of ${RUNS}`;
  return [
    {
      name: "SRP after password (S + key + signature), no BigInt",
      ours: median(answer.limbs),
      theirs: median(answer.theirs),
      theirsLabel: label,
      unit: "ms" as const,
      goal: "≤ 0.5x",
    },
    {
      name: "SRP after password (S + key + signature), native BigInt",
      ours: median(answer.native),
      theirs: median(answer.theirs),
      theirsLabel: label,
      unit: "ms" as const,
      goal: "≤ 0.5x",
    },
    {
      name: "SRP ahead of time (a, A = g^a), no BigInt",
      ours: median(start.limbs),
      theirs: median(start.theirs),
      theirsLabel: label,
      unit: "ms" as const,
    },
    {
      name: "SRP ahead of time (a, A = g^a), native BigInt",
      ours: median(start.native),
      theirs: median(start.theirs),
      theirsLabel: label,
      unit: "ms" as const,
    },
  ];
}
