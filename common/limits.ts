// Limits shared by the watch, the companion and the settings page. Every limit is in UTF-16 code units
// (JavaScript string length), the unit of AWS's Java-based API models, unless its name says bytes.
//
// Why these numbers: a message must fit MESSAGE_BUDGET, measured as the UTF-8 bytes of its JSON. Display text never holds control characters or lone surrogates (the decoder rejects them and
// `clip` in ./text.ts removes them), so one code unit costs at most 3 bytes of JSON; a password from the
// watch keyboard is printable ASCII, at most 2 bytes per character (`"` and `\` are escaped). The
// worst case of every message is measured in tests/device/protocol-limits.test.ts.

/**
 * The bytes (UTF-8 of its JSON) every message of the protocol is designed to fit: the least any supported
 * platform's socket carries (Fitbit's `peerSocket.MAX_MESSAGE_SIZE`, 1027 on the simulator; Zepp's messaging
 * frames are larger). It shapes the limits below; what a socket actually takes is that platform's own
 * number, which the sender hands to encode (`socket.MAX_MESSAGE_SIZE`).
 */
export const MESSAGE_BUDGET = 1027;

/** Cognito's own limits on what the wearer types. */
export const MAX_USERNAME_LENGTH = 128;
export const MAX_PASSWORD_LENGTH = 256;

/** One-time codes (TOTP, SMS, email) are digits only. */
export const MIN_CODE_LENGTH = 4;
export const MAX_CODE_LENGTH = 10;

/** Display text the companion sends: it clips longer text with `clip` before it encodes. */
export const MAX_NAME_LENGTH = 64; // a user name or email address as shown
export const MAX_DETAIL_LENGTH = 80; // Cognito's own words after a message (common/messages.ts)
export const MAX_POLICY_LENGTH = 80; // a password policy hint
/** Messages travel as IDs of app/i18n/en-US.po, whose words are at most MAX_WORDS_LENGTH long. */
export const MAX_MESSAGE_ID_LENGTH = 32;
export const MAX_WORDS_LENGTH = 80;
export const MAX_DESTINATION_LENGTH = 40; // where a code was sent, as Cognito masks it
/** A custom authentication Lambda's question (its `prompt`), as shown: the screen holds about this much. */
export const MAX_PROMPT_LENGTH = 120;
/** An answer typed on the watch keyboard: to a custom challenge, or an email address for codes. */
export const MAX_ANSWER_LENGTH = 100;

/** Choices offered for SELECT_MFA_TYPE / SELECT_CHALLENGE: Cognito names such as SOFTWARE_TOKEN_MFA. */
export const MAX_OPTIONS = 5;
export const MAX_OPTION_LENGTH = 24;

/** Authorized calls from the watch: a path below the base URL set in settings, answered in parts. */
export const MAX_PATH_LENGTH = 512;
export const MAX_CALL_ID = 2147483647;
/** UTF-8 bytes of one body part as JSON (escapes included); see `splitForMessages` in ./text.ts. */
export const MAX_BODY_PART_BYTES = 768;
/** Parts per response: the watch heap is 64 KB, so a body the watch is sent stays under ~6 KB. */
export const MAX_CALL_PARTS = 8;
