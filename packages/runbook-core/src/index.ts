// The one public door of runbook-core: re-exports only.
export type * from './model.ts';
export * from './template/index.ts';
export * from './incident/index.ts';
export * from './parse/index.ts';
export * from './run/index.ts';
export * from './kubernetes/index.ts';
