// u = H(pad(A) ‖ pad(B)) = 0 would need a SHA-256 preimage, so the hash is replaced here by one that
// answers zeros: the refusal must come before any use of u.
jest.mock("../../../../core/cognito/crypto/sha256", () => ({ sha256: () => new Uint8Array(32) }));
import { answerPasswordVerifier, startSrp } from "../../../../core/cognito/srp";

it("refuses to answer when u = 0", () => {
  const secret = startSrp((n) => new Uint8Array(n).fill(7));
  const challenge = { SALT: "01", SRP_B: "1234", SECRET_BLOCK: "AAAA", USER_ID_FOR_SRP: "u" };
  expect(() => answerPasswordVerifier(secret, { poolName: "P", password: "pw", challenge, now: new Date() })).toThrow(/u is 0/);
});
