// A user pool's password policy as Cognito applies it when a user chooses a password. cognito-local 5.3.0
// stores the policy with the pool but never applies it (a new password of "abc" is taken); the sandbox
// applies it with this (cognito-local-child.ts), so what a wearer is told about a refused password (the
// rules, in Cognito's own words) can be seen and tested.
import type { PasswordPolicy } from "./cognito-admin";

/** What Cognito puts before the rule a refused password breaks, in InvalidPasswordException's message. */
export const POLICY_PREFIX = "Password does not conform to policy: ";

// The symbols Cognito counts (its developer guide's list, the space included).
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

// Cognito names one rule, the first broken, in this order; each rule applies unless the policy turns it off.
const RULES: { need: keyof PasswordPolicy; test: RegExp; words: string }[] = [
  { need: "RequireLowercase", test: /[a-z]/, words: "Password must have lowercase characters" },
  { need: "RequireUppercase", test: /[A-Z]/, words: "Password must have uppercase characters" },
  { need: "RequireNumbers", test: /[0-9]/, words: "Password must have numeric characters" },
  { need: "RequireSymbols", test: SYMBOL, words: "Password must have symbol characters" },
];

/** InvalidPasswordException's message for `password` under `policy`, or undefined when the policy takes it.
 *  An absent setting is Cognito's default: 8 characters, every kind required. */
export function passwordPolicyViolation(password: string, policy: PasswordPolicy): string | undefined {
  if (password.length < (policy.MinimumLength ?? 8)) return POLICY_PREFIX + "Password not long enough";
  for (const rule of RULES) if (policy[rule.need] !== false && !rule.test.test(password)) return POLICY_PREFIX + rule.words;
  return undefined;
}
