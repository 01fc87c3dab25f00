import type { ParseOptions, Runbook } from '../model.ts';
import { RunbookDocument } from './runbook-document.ts';

/**
 * The typed, positioned model of a Markdown runbook. Never throws for any
 * text: problems in it (an unclosed fence, invalid attributes, malformed
 * frontmatter, shell syntax errors) are `messages`. The first call loads the
 * shell grammar (`loadShellGrammar()` loads it ahead, off the main thread).
 */
export function parseRunbook(source: string, options: ParseOptions = {}): Runbook {
  if (typeof source !== 'string') throw new TypeError(`parseRunbook: source must be a string, got ${typeof source}`);
  return new RunbookDocument(source, options).runbook;
}
