import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusFiles, missingMaterial } from '../test/support/external-material.ts';

export interface CorpusFile {
  path: string;
  text: string;
}

/**
 * The corpus folder (it lives outside the repository; see RUNBOOK_TEST_MATERIAL).
 * When it is absent, says which figure is not measured and ends the benchmark.
 */
export function requireCorpus(figure: string): string {
  const dir = corpusDir();
  if (dir !== undefined) return dir;
  console.log(`${figure}: not measured, ${missingMaterial('corpus')}`);
  process.exit(0);
}

/** Every Markdown file of the corpus, in a stable order; ends the benchmark, saying so, when the corpus is absent. */
export function readCorpus(figure = 'this benchmark'): CorpusFile[] {
  const dir = requireCorpus(figure);
  return corpusFiles().map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
}
