import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusFiles, missingMaterial } from '../test/support/external-material.ts';

export interface CorpusFile {
  path: string;
  text: string;
}

/**
 * The corpus folder (it lives outside the repository; see RUNBOOK_TEST_MATERIAL).
 * When it is absent, a benchmark says which figure is not measured and ends;
 * anything else (a test reading the corpus through here) gets an error.
 */
export function requireCorpus(figure: string): string {
  const dir = corpusDir();
  if (dir !== undefined) return dir;
  const reason = `${figure}: not measured, ${missingMaterial('corpus')}`;
  if (!/\.bench\.ts$/.test(process.argv[1] ?? '')) throw new Error(reason);
  console.log(reason);
  process.exit(0);
}

/** Every Markdown file of the corpus, in a stable order; see `requireCorpus` for when it is absent. */
export function readCorpus(figure = 'this benchmark'): CorpusFile[] {
  const dir = requireCorpus(figure);
  return corpusFiles().map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
}
