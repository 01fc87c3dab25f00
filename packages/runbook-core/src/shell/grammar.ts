import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

let loading: Promise<void> | undefined;
let parser: Parser | undefined;

/** Loads the WebAssembly grammar once; idempotent, concurrent calls share one load. */
export function loadShellGrammar(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    // A failed load may be retried (e.g. after the files are restored).
    loading = undefined;
    throw error;
  });
  return loading;
}

export function isShellGrammarLoaded(): boolean {
  return parser !== undefined;
}

/** The one shared parser; reused by every analysis because creating one is costly. */
export function shellParser(): Parser {
  if (!parser) throw new Error('call loadShellGrammar() before analyzeShell()');
  return parser;
}

async function load(): Promise<void> {
  const runtime = locateWasm('tree-sitter.wasm', () => join(dirname(requireHere.resolve('web-tree-sitter')), 'tree-sitter.wasm'));
  await Parser.init({ locateFile: () => runtime });
  const grammar = locateWasm('tree-sitter-bash.wasm', () => requireHere.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const language = await Language.load(new Uint8Array(await readFile(grammar)));
  const created = new Parser();
  created.setLanguage(language);
  parser = created;
}

const requireHere = createRequire(import.meta.url);

/**
 * The bundle in `dist/` ships both wasm files next to `index.js` (this module
 * may sit in `dist/chunks/`); from source they come from the installed packages.
 */
function locateWasm(file: string, fromPackage: () => string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, file), join(here, '..', file)]) {
    if (existsSync(candidate)) return candidate;
  }
  return fromPackage();
}
