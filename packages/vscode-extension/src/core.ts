import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as RunbookCoreModule from 'runbook-core';

export type RunbookCore = typeof RunbookCoreModule;

let loading: Promise<RunbookCore> | undefined;

/**
 * runbook-core is ESM that loads a WebAssembly shell grammar before it can
 * parse, which a CommonJS extension cannot require. It is bundled beside this
 * file and imported on first use, so activation pays nothing for it.
 */
export function loadCore(): Promise<RunbookCore> {
  loading ??= import(pathToFileURL(join(__dirname, 'core', 'index.js')).href) as Promise<RunbookCore>;
  return loading;
}
