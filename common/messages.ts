// What the wearer reads, by name. The companion sends a `Note` — a message ID and, where Cognito's own
// words are the point (a password policy, an error it names), those words as `x`. The words themselves
// live in app/i18n/en-US.po (settings/i18n/en-US.po is a link to it), where Fitbit's `gettext` loads them
// at run time in the wearer's language: text kept out of JavaScript costs the watch no heap and the
// companion no bytes (the Fitbit localization guide's advice), and one file holds every sentence.
// The CLI, the tests and the preview read the same file (devkit/messages.ts).

/** Every message ID the companion sends; tests/node/messages.test.ts checks that each has words. */
export type MessageId =
  // sign-in failures (core/signin/describe.ts)
  | "wrongCredentials"
  | "serviceProblem"
  | "tooManyFailures"
  | "sessionEnded"
  | "unexpected"
  | "noConnection"
  | "cognitoTimeout"
  | "badAnswer"
  | "accountDisabled"
  | "flowNotAllowed"
  | "signInExpired"
  | "accountGone"
  | "newPasswordRejected"
  | "passwordRejected"
  | "passwordReset"
  | "notConfirmed"
  | "wrongCode"
  | "codeExpired"
  | "slowDown"
  | "unknownPool"
  | "badParameter"
  | "signInFailed"
  | "answerRefused"
  | "answerNotTaken"
  // challenges the watch cannot answer (core/signin/challenges.ts)
  | "setUpMfa"
  | "noSupportedMethod"
  | "unsupportedStep"
  // the sign-in controller (core/signin/controller.ts)
  | "usernameFirst"
  | "notSignedIn"
  | "noServiceUrl"
  | "badServiceUrl"
  | "serviceTimeout"
  | "serviceUnreachable"
  | "answerTooLarge"
  | "signedOut"
  | "signedOutEverywhere"
  | "signedOutHereOnly"
  | "signedOutLocally"
  | "signOutRefused"
  | "signedOutForgotten"
  | "forgetFailed"
  | "passwordChanged"
  | "typeEmail"
  // what to check in the settings on the phone, when the companion cannot use them (core/signin/config.ts)
  | "checkPoolId"
  | "checkClientId"
  | "checkClientSecret"
  | "checkEndpoint"
  | "checkClientMetadata"
  // what the companion is busy with
  | "checking"
  | "signingIn"
  | "signingOut"
  | "signingOutEverywhere"
  // the watch's own (core/watch/state.ts, core/watch/present.ts, app/ui/render.ts, app/calls.ts): titles,
  // notes in the title line, what the watch is sending, and the words of its screens
  | "appName"
  | "phoneNotConnected"
  | "setUpOnPhone"
  | "signInTitle"
  | "busyTitle"
  | "newPasswordNeeded"
  | "usernameTitle"
  | "passwordTitle"
  | "passwordFor"
  | "newPasswordTitle"
  | "repeatNewPassword"
  | "totpCode"
  | "smsCode"
  | "emailCode"
  | "secondStep"
  | "signInWith"
  | "signedInTitle"
  | "signOutQuestion"
  | "errorTitle"
  | "typeUsername"
  | "typePassword"
  | "passwordsDiffer"
  | "typeWholeCode"
  | "maxLength"
  | "pleaseWait"
  | "askingCognito"
  | "settingPassword"
  | "checkingCode"
  | "cancelling"
  | "phoneRefused"
  | "noUsername"
  | "newPasswordFor"
  | "sentTo"
  | "validUntil"
  | "expiredAt"
  | "refreshedAt"
  | "checkedAt"
  | "show"
  | "hide"
  | "retry"
  | "ok"
  // the watch's own, for issue 13's screens: a question to answer, a code being set up or for a password
  // reset, the method to set up, "Forgot password?"
  | "answerNeeded"
  | "answerTitle"
  | "answerAsk"
  | "typeAnswer"
  | "setupCode"
  | "addKeyFromPhone"
  | "resetCode"
  | "setUpSecondStep"
  | "sendingCode";

/** A message for the wearer: its words, then Cognito's own (`x`) when there are any. */
export interface Note {
  m: MessageId;
  x?: string;
}

/** Whether a note is a warning (the watch shows it in the warning colour): every note but the outcomes
 *  of a sign-out the wearer asked for, "signedOut", "signedOutEverywhere" and "signedOutLocally": news,
 *  not failures ("signOutRefused" and any other sign-out that fell short stay warnings). */
export function isWarning(note: Note): boolean {
  return !/^signedOut(Everywhere|Locally)?$/.test(note.m);
}

/** A note as one line of text, with `words` looking up a message ID (Fitbit's `gettext`). */
export function noteText(note: Note, words: (id: string) => string): string {
  return note.x ? words(note.m) + " " + note.x : words(note.m);
}
