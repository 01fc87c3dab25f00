import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus lives beside the repository, never in it. */
export const corpusRoot = fileURLToPath(new URL('../../shared/corpus', import.meta.url));

export interface CorpusFile {
  path: string;
  text: string;
}

/** Every Markdown file of the corpus, in a stable order. */
export function readCorpus(): CorpusFile[] {
  return (readdirSync(corpusRoot, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ path: relative(corpusRoot, join(corpusRoot, name)), text: readFileSync(join(corpusRoot, name), 'utf8') }));
}
