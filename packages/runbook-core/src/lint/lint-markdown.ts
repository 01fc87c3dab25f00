import { parseRunbook } from '../parse/index.ts';
import { loadShellGrammar } from '../shell/index.ts';
import { applyFixes } from './apply-fixes.ts';
import type { LintMessage } from './lint-message.ts';
import { lintRunbook, type LintRunbookOptions } from './lint-runbook.ts';

export interface LintMarkdownOptions extends Omit<LintRunbookOptions, 'source'> {
  /**
   * Apply fixes and lint again, up to this many rounds, until no fix applies
   * (default `0`: report only). Messages are then those of the fixed text.
   */
  fixRounds?: number;
}

export interface LintMarkdownResult {
  messages: LintMessage[];
  /** The fixed text, when a fix changed something. */
  fixedSource?: string;
}

/** Parses Markdown and lints it; with `fixRounds`, also fixes it. */
export async function lintMarkdown(source: string, options: LintMarkdownOptions = {}): Promise<LintMarkdownResult> {
  if (typeof source !== 'string') throw new TypeError(`lintMarkdown: source must be a string, got ${typeof source}`);
  await loadShellGrammar();
  const { fixRounds = 0, ...rest } = options;
  let text = source;
  for (let round = 0; ; round++) {
    const runbook = parseRunbook(text, rest.path === undefined ? {} : { path: rest.path });
    const messages = await lintRunbook(runbook, { ...rest, source: text });
    const fixed = round < fixRounds ? applyFixes(text, messages) : undefined;
    if (!fixed || fixed.applied.length === 0 || fixed.output === text) {
      return text === source ? { messages } : { messages, fixedSource: text };
    }
    text = fixed.output;
  }
}
