import type { LintFix, LintMessage } from './lint-message.ts';

export interface AppliedFixes {
  output: string;
  /** Fixes applied, in source order. */
  applied: LintFix[];
  /** Fixes left out because they overlap one applied before them. */
  skipped: LintFix[];
}

/**
 * Applies the messages' fixes to the source they were found in, changing
 * only the bytes each fix names. Overlapping fixes after the first are
 * skipped (lint again to get them), and so is a second, different insertion
 * at the same offset.
 */
export function applyFixes(source: string, messages: readonly Pick<LintMessage, 'fix'>[]): AppliedFixes {
  const fixes = messages
    .map((message) => message.fix)
    .filter((fix): fix is LintFix => fix !== undefined)
    .sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  const applied: LintFix[] = [];
  const skipped: LintFix[] = [];
  let output = '';
  let cursor = 0;
  for (const fix of fixes) {
    const { start, end } = fix.range;
    if (start.offset < cursor || end.offset < start.offset || end.offset > source.length) {
      skipped.push(fix);
      continue;
    }
    const previous = applied.at(-1);
    const sameInsertionPoint =
      previous !== undefined && previous.range.start.offset === start.offset && previous.range.end.offset === start.offset && end.offset === start.offset;
    // The same insertion twice (one fix reported by two findings) is one edit;
    // two different ones at one point (two attributes for one fence) would
    // clash, so the second waits for the next round.
    if (sameInsertionPoint) {
      if (previous.insertText !== fix.insertText) skipped.push(fix);
      continue;
    }
    output += source.slice(cursor, start.offset) + fix.insertText;
    cursor = end.offset;
    applied.push(fix);
  }
  return { output: output + source.slice(cursor), applied, skipped };
}
