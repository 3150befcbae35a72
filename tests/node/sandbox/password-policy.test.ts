// The password policy the sandbox applies for cognito-local (sandbox/password-policy.ts): Cognito's rules
// and words, one rule named at a time, and Cognito's defaults where the policy says nothing.
import { passwordPolicyViolation } from "../../../sandbox/password-policy";

const refused = (rule: string) => `Password does not conform to policy: ${rule}`;

test("the first broken rule is named: length, then lower case, upper case, digits, symbols", () => {
  const all = { MinimumLength: 10, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true };
  expect(passwordPolicyViolation("Ab1!", all)).toBe(refused("Password not long enough"));
  expect(passwordPolicyViolation("ABCDEFGH1!", all)).toBe(refused("Password must have lowercase characters"));
  expect(passwordPolicyViolation("abcdefgh1!", all)).toBe(refused("Password must have uppercase characters"));
  expect(passwordPolicyViolation("Abcdefghi!", all)).toBe(refused("Password must have numeric characters"));
  expect(passwordPolicyViolation("Abcdefghi1", all)).toBe(refused("Password must have symbol characters"));
  expect(passwordPolicyViolation("Abcdefgh1!", all)).toBeUndefined();
});

test("Cognito's symbols count, the space among them; letters of other scripts do not", () => {
  const symbols = { MinimumLength: 6, RequireLowercase: false, RequireUppercase: false, RequireNumbers: false, RequireSymbols: true };
  for (const c of `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `) expect(passwordPolicyViolation(`abcdef${c}`, symbols)).toBeUndefined();
  expect(passwordPolicyViolation("abcdefé", symbols)).toBe(refused("Password must have symbol characters"));
});

test("a rule the policy turns off is not applied; one it leaves out is Cognito's default (on, 8 characters)", () => {
  expect(passwordPolicyViolation("abcdefgh", { RequireUppercase: false, RequireNumbers: false, RequireSymbols: false })).toBeUndefined();
  expect(passwordPolicyViolation("abcdefg", { RequireUppercase: false, RequireNumbers: false, RequireSymbols: false })).toBe(
    refused("Password not long enough"),
  );
  expect(passwordPolicyViolation("Abcdefg1", {})).toBe(refused("Password must have symbol characters"));
});
