// The phone side of sign-in, free of any platform: what the watch and the settings page ask, carried to
// the Cognito client and the session keeper, and what to show in return. A platform's shell hands it
// its messaging socket, settings storage, local storage and fetch (Fitbit's: companion/index.ts).
export { startCompanion } from "./phone-side";
export type { Companion, CompanionPlatform } from "./phone-side";
export { watchLink } from "./watch-link";
export type { WatchLink } from "./watch-link";
export type { SettingsStorageLike } from "./settings-link";
export { configReader } from "./config";
export type { CompanionConfig, ConfigResult } from "./config";
// What a wearer reads when something fails: the client reports typed failures, these words are the sign-in's.
export { describeFailure, note } from "./describe";
export type { FailureStage } from "./describe";
