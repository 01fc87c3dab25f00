import type { Runbook } from '../model.ts';
import type { LintMessage } from './lint-message.ts';
import { inRanges, type OffsetRanges } from './source/code-ranges.ts';
import type { LineIndex } from './source/line-index.ts';

type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** One `<!-- runbook-… -->` comment. An empty `ruleIds` means every rule. */
export interface InlineDirective {
  kind: DirectiveKind;
  ruleIds: string[];
  /** Line of the comment's start. */
  line: number;
  /** Line of the comment's end. */
  endLine: number;
}

const directivePattern = /<!--\s*runbook-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;

/** The directives in prose (a comment shown inside code is not one). */
export function readInlineDirectives(source: string, lines: LineIndex, code: OffsetRanges): InlineDirective[] {
  const directives: InlineDirective[] = [];
  for (const match of source.matchAll(directivePattern)) {
    if (inRanges(code, match.index)) continue;
    directives.push({
      kind: match[1] as DirectiveKind,
      ruleIds: match[2]!.split(/[\s,]+/).filter(Boolean),
      line: lines.point(match.index).line,
      endLine: lines.point(match.index + match[0].length).line,
    });
  }
  return directives;
}

/**
 * A predicate telling whether a message is switched off by the directives.
 * `disable-next-line` before a fenced block covers the whole block, since a
 * comment cannot go inside one. An id also covers its sub-rules.
 */
export function suppression(directives: readonly InlineDirective[], runbook: Runbook): (message: LintMessage) => boolean {
  if (directives.length === 0) return () => false;
  const blocks = [...runbook.steps, ...runbook.templates, ...runbook.diagrams];
  const lineSpans: Array<{ ids: string[]; from: number; to: number }> = [];
  const regions: Array<{ kind: 'disable' | 'enable'; ids: string[]; line: number }> = [];
  for (const directive of directives) {
    if (directive.kind === 'disable-line') lineSpans.push({ ids: directive.ruleIds, from: directive.line, to: directive.endLine });
    else if (directive.kind === 'disable-next-line') {
      const next = directive.endLine + 1;
      const block = blocks.find((candidate) => candidate.position.start.line === next);
      lineSpans.push({ ids: directive.ruleIds, from: next, to: block ? block.position.end.line : next });
    } else regions.push({ kind: directive.kind, ids: directive.ruleIds, line: directive.line });
  }
  return (message) => {
    const line = message.position.start.line;
    if (lineSpans.some((span) => line >= span.from && line <= span.to && covers(span.ids, message.ruleId))) return true;
    let disabled = false;
    for (const region of regions) {
      if (region.line > line) break;
      if (covers(region.ids, message.ruleId)) disabled = region.kind === 'disable';
    }
    return disabled;
  };
}

function covers(ids: readonly string[], ruleId: string): boolean {
  return ids.length === 0 || ids.some((id) => ruleId === id || ruleId.startsWith(`${id}/`));
}
