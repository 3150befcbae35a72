// Password reset as Cognito does it, in front of cognito-local 5.3.0, whose ForgotPassword and
// ConfirmForgotPassword exist but take any password, never expire a code, and show the address whole; it
// has no AdminResetUserPassword at all. This adds:
// - AdminResetUserPassword {UserPoolId, Username}: the user's password stops working (RESET_REQUIRED) and
//   a code goes to their email (the sandbox's mailbox, code-mailbox.ts);
// - a sign-in (USER_PASSWORD_AUTH, USER_SRP_AUTH, CUSTOM_AUTH) of a RESET_REQUIRED user answers
//   PasswordResetRequiredException "Password reset required for the user" at InitiateAuth: the password
//   is deactivated, so there is nothing left for SRP to prove;
// - ForgotPassword's code goes to the mailbox too, and CodeDeliveryDetails masks the address as Cognito
//   does ("d***@e***");
// - ConfirmForgotPassword: ExpiredCodeException when no code is outstanding (none sent, already used, or
//   older than an hour), CodeMismatchException for a wrong one, InvalidPasswordException for a password the
//   pool's policy refuses (the code stays good), then the emulator's: the user CONFIRMED with the new
//   password, which SRP then proves too (it makes its verifier from the stored password at each sign-in).
import { randomInt } from "node:crypto";
import type { CodeMailbox } from "./code-mailbox";
import { Emulator, attributeOf, fieldsOf, namedUser } from "./emulator";
import { passwordPolicyViolation } from "./password-policy";

/** How long a reset code is good for (Cognito's: one hour). */
const CODE_LIFETIME_MS = 60 * 60_000;
const SIGN_IN_FLOWS = ["USER_PASSWORD_AUTH", "USER_SRP_AUTH", "CUSTOM_AUTH"];

export function servePasswordReset(emulator: Emulator, mailbox: CodeMailbox): void {
  const { targets, refuse } = emulator;
  for (const name of ["InitiateAuth", "ForgotPassword", "ConfirmForgotPassword"])
    if (typeof targets[name] !== "function") throw new Error(`cognito-local has no ${name} target to patch`);
  const { InitiateAuth: initiateAuth, ForgotPassword: forgotPassword, ConfirmForgotPassword: confirmForgotPassword } = targets;

  targets.InitiateAuth = (services) => {
    const original = initiateAuth(services);
    return async (ctx, req) => {
      if (SIGN_IN_FLOWS.indexOf(String(req.AuthFlow)) < 0 || typeof req.ClientId !== "string") return original(ctx, req);
      if (!(await services.cognito.getAppClient(ctx, req.ClientId))) return original(ctx, req);
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const user = await namedUser(pool, ctx, fieldsOf(req.AuthParameters).USERNAME);
      if (user && user.UserStatus === "RESET_REQUIRED")
        return refuse("PasswordResetRequiredException", "Password reset required for the user");
      return original(ctx, req);
    };
  };

  targets.AdminResetUserPassword = (services) => async (ctx, req) => {
    if (typeof req.UserPoolId !== "string" || typeof req.Username !== "string")
      return refuse("InvalidParameterException", "Missing required parameter UserPoolId or Username");
    const pool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    const user = await namedUser(pool, ctx, req.Username);
    if (!user) return refuse("UserNotFoundException", "User does not exist.");
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await pool.saveUser(ctx, { ...user, UserStatus: "RESET_REQUIRED", ConfirmationCode: code, UserLastModifiedDate: new Date() });
    mailbox.send(pool.options.Id, user.Username, "AdminResetUserPassword", code, attributeOf(user, "email"));
    return {};
  };

  targets.ForgotPassword = (services) => {
    const original = forgotPassword(services);
    return async (ctx, req) => {
      if (typeof req.ClientId !== "string" || !(await services.cognito.getAppClient(ctx, req.ClientId))) return original(ctx, req);
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const user = await namedUser(pool, ctx, req.Username);
      const email = user && attributeOf(user, "email");
      if (user && !email)
        return refuse(
          "InvalidParameterException",
          "Cannot reset password for the user as there is no registered/verified email or phone_number",
        );
      const result = await original(ctx, req);
      // The emulator made the code and kept it with the user; read it back for the mailbox.
      const saved = user && (await pool.getUserByUsername(ctx, user.Username));
      if (!saved || !saved.ConfirmationCode || !email) return result;
      mailbox.send(pool.options.Id, saved.Username, "ForgotPassword", saved.ConfirmationCode, email);
      return { CodeDeliveryDetails: { Destination: maskedEmail(email), DeliveryMedium: "EMAIL", AttributeName: "email" } };
    };
  };

  targets.ConfirmForgotPassword = (services) => {
    const original = confirmForgotPassword(services);
    return async (ctx, req) => {
      if (typeof req.ClientId !== "string" || !(await services.cognito.getAppClient(ctx, req.ClientId))) return original(ctx, req);
      const pool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
      const user = await namedUser(pool, ctx, req.Username);
      if (!user) return original(ctx, req);
      if (typeof req.ConfirmationCode !== "string" || typeof req.Password !== "string")
        return refuse("InvalidParameterException", "Missing required parameter ConfirmationCode or Password");
      const sent = [
        mailbox.last(pool.options.Id, user.Username, "ForgotPassword"),
        mailbox.last(pool.options.Id, user.Username, "AdminResetUserPassword"),
      ]
        .filter((c) => c && c.code === user.ConfirmationCode)
        .map((c) => Date.parse((c as { sentAt: string }).sentAt));
      const fresh = !!user.ConfirmationCode && sent.some((at) => at + CODE_LIFETIME_MS > Date.now());
      if (!fresh) return refuse("ExpiredCodeException", "Invalid code provided, please request a code again.");
      if (req.ConfirmationCode !== user.ConfirmationCode)
        return refuse("CodeMismatchException", "Invalid verification code provided, please try again.");
      const refused = passwordPolicyViolation(req.Password, (pool.options.Policies && pool.options.Policies.PasswordPolicy) || {});
      if (refused) return refuse("InvalidPasswordException", refused);
      return original(ctx, req);
    };
  };
}

/** An address as Cognito shows where it sent a code: "demo@example.com" → "d***@e***". */
export function maskedEmail(email: string): string {
  const at = email.indexOf("@");
  if (at < 1) return `${email.charAt(0)}***`;
  return `${email.charAt(0)}***@${email.charAt(at + 1)}***`;
}
