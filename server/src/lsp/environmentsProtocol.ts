// Kept so existing imports keep compiling: the environments view's contract now lives in
// protocol.ts, the one wire-contract module. New code imports './protocol'.
export * from './protocol';
export type { EnvScaffoldParams as ScaffoldParams, EnvScaffoldResult as ScaffoldResult } from './protocol';
