import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import { createShellParser, type TreeSitterParts, webAssembly } from './tree-sitter-runtime.ts';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the WebAssembly grammar ahead of its first use, compiling it on V8's
 * background threads meanwhile. Optional: the first analysis loads it anyway,
 * synchronously. Idempotent; concurrent calls share one load.
 */
export function loadShellGrammar(): Promise<void> {
  loading ??= (parser ? Promise.resolve(undefined) : compileParts()).then(
    (parts) => {
      if (parts) parser ??= createShellParser(parts);
    },
    (error: unknown) => {
      // A failed load may be retried (e.g. after the files are restored).
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function isShellGrammarLoaded(): boolean {
  return parser !== undefined;
}

/** The one shared parser, loaded on first use; reused by every analysis because creating one is costly. */
export function shellParser(): Parser {
  parser ??= createShellParser(readPartsNow());
  return parser;
}

function readPartsNow(): TreeSitterParts {
  const files = partFiles();
  const grammarBytes = new Uint8Array(readFileSync(files.grammar));
  return {
    glue: readFileSync(files.glue, 'utf8'),
    glueFile: files.glue,
    runtime: new webAssembly.Module(readFileSync(files.runtime)),
    grammarBytes,
    grammar: new webAssembly.Module(grammarBytes),
  };
}

async function compileParts(): Promise<TreeSitterParts> {
  const files = partFiles();
  const [glue, runtimeBytes, grammarBytes] = await Promise.all([readFile(files.glue, 'utf8'), readFile(files.runtime), readFile(files.grammar)]);
  const grammarView = new Uint8Array(grammarBytes);
  const [runtime, grammar] = await Promise.all([webAssembly.compile(runtimeBytes), webAssembly.compile(grammarView)]);
  return { glue, glueFile: files.glue, runtime, grammarBytes: grammarView, grammar };
}

const requireHere = createRequire(import.meta.url);

function partFiles(): { glue: string; runtime: string; grammar: string } {
  return {
    // `require` resolves web-tree-sitter to its CommonJS glue.
    glue: besideBundle('tree-sitter.cjs', () => requireHere.resolve('web-tree-sitter')),
    runtime: besideBundle('tree-sitter.wasm', () => join(dirname(requireHere.resolve('web-tree-sitter')), 'tree-sitter.wasm')),
    grammar: besideBundle('tree-sitter-bash.wasm', () => requireHere.resolve('tree-sitter-bash/tree-sitter-bash.wasm')),
  };
}

/**
 * The bundle in `dist/` ships the grammar's files next to `index.js` (this
 * module may sit in `dist/chunks/`); from source they come from the installed packages.
 */
function besideBundle(file: string, fromPackage: () => string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, file), join(here, '..', file)]) {
    if (existsSync(candidate)) return candidate;
  }
  return fromPackage();
}
