import type { Step } from 'runbook-core';

export type ScannedStep = Pick<Step, 'id' | 'index' | 'lang' | 'code' | 'position' | 'isShell'>;

const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'zsh']);
const OPENING_FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`{]*)/;

/** Fenced blocks by a line scan; stands in until runbook-core's parser is available. */
export function scanSteps(text: string): ScannedStep[] {
  const lines = text.split('\n');
  const steps: ScannedStep[] = [];
  let offset = 0;
  let open: { fence: string; lang: string; line: number; offset: number; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    if (open === undefined) {
      const match = OPENING_FENCE.exec(line);
      if (match?.[1] !== undefined) open = { fence: match[1], lang: (match[2] ?? '').toLowerCase(), line: index, offset, body: [] };
    } else if (line.trim().startsWith(open.fence) && line.trim().replaceAll(open.fence[0] ?? '`', '') === '') {
      steps.push({
        id: `step-${steps.length}`,
        index: steps.length,
        lang: open.lang,
        code: open.body.join('\n'),
        isShell: SHELL_LANGS.has(open.lang),
        position: {
          start: { line: open.line + 1, column: 1, offset: open.offset },
          end: { line: index + 1, column: line.length + 1, offset: offset + line.length },
        },
      });
      open = undefined;
    } else {
      open.body.push(line);
    }
    offset += line.length + 1;
  }
  return steps;
}
