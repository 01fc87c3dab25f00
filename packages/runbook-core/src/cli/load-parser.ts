import type { parseRunbook } from '../parse/index.ts';

/**
 * The parser, with its shell grammar loaded. Loaded on demand, so
 * `runbook --version` and `--help` never pay for it; the grammar's
 * WebAssembly starts compiling (on V8's background threads) while the
 * parser's JavaScript is still loading.
 */
export async function loadParser(): Promise<typeof parseRunbook> {
  const grammar = import('../shell/index.ts').then((shell) => shell.loadShellGrammar());
  const { parseRunbook: parse } = await import('../parse/index.ts');
  await grammar;
  return parse;
}
