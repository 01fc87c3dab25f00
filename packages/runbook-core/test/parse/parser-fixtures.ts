import { readFileSync } from 'node:fs';
import type { Position } from '../../src/model.ts';
import { loadShellGrammar } from '../../src/shell/index.ts';

/** Loads tree-sitter-bash once for a suite: `parseRunbook` needs it. */
export function useShellGrammar(): void {
  before(async () => {
    await loadShellGrammar();
  });
}

export function readFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');
}

/** The source text a position covers. */
export function textAt(source: string, position: Position): string {
  return source.slice(position.start.offset, position.end.offset);
}
