// The public face of the session code: storage, the manager that keeps a wearer signed in, and calls
// to the wearer's own service with their tokens.
export { NotSignedInError, sessionManager, signOutStaysPending } from "./session-manager";
export type { RotationSetting, SessionManager, SessionManagerOptions, SessionState, Timers } from "./session-manager";
export { tokenStore } from "./token-store";
export type { KeyValueStore, PendingSignOut, TokenStore } from "./token-store";
export { ServiceCallError } from "./authorized-call";
export type { CallInit, CallResponse, HttpFetch } from "./authorized-call";
export { describeSession, parseStoredSession, sessionAfterRefresh, sessionFromSignIn } from "./stored-session";
export type { RefreshMode, StoredSession } from "./stored-session";
export { refreshMargin } from "./timing";
export { deviceBook } from "./device-book";
export type { DeviceBook } from "./device-book";
export { forgetSessionDevice, settleDevice, signInWithDevice } from "./device-sign-in";
export type { DeviceOptions } from "./device-sign-in";
