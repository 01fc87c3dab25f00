import type { Runbook } from '../../../src/model.ts';
import { assembleRunbook } from '../../../src/parse/assemble-runbook.ts';
import { LineIndex } from '../../../src/parse/line-index.ts';
import { readBlocksWithRemark } from './read-blocks-with-remark.ts';

/** The model of `source` as the remark-based parser read it. */
export function runbookFromRemark(source: string, path?: string): Runbook {
  return assembleRunbook(readBlocksWithRemark(source), new LineIndex(source), path);
}
