// Kept so existing imports keep compiling: the authoring contract now lives in protocol.ts, the one
// wire-contract module. New code imports './protocol'.
export * from './protocol';
