// The one public door of runbook-core: re-exports only.
import { loadShellGrammar } from './shell/index.ts';

export type * from './model.ts';
export * from './template/index.ts';
export * from './incident/index.ts';
export * from './parse/index.ts';
export * from './edit/index.ts';
export * from './run/index.ts';
export * from './kubernetes/index.ts';
export * from './shell/index.ts';
export * from './lint/index.ts';

// Shell analysis needs its WebAssembly grammar; loading it here lets importers
// call parseRunbook() and analyzeShell() synchronously.
await loadShellGrammar();
