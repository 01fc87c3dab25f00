import { paint } from '../../cli/paint.ts';
import type { Formatter } from './format-context.ts';
import { summaryLine } from './format-context.ts';

/** `file:line:col severity reason rule-id`, a blank line between files, then a summary. */
export const formatText: Formatter = (results, context) => {
  const style = paint(context.color);
  const bySeverity = { error: style.red, warning: style.yellow, info: style.dim } as const;
  const blocks: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const lines = result.messages.map((message) => {
      const { line, column } = message.position.start;
      return `${style.bold(`${result.path}:${line}:${column}`)} ${bySeverity[message.severity](message.severity)} ${message.reason} ${style.dim(message.ruleId)}`;
    });
    blocks.push(lines.join('\n'));
  }
  blocks.push(summaryLine(results));
  return `${blocks.join('\n\n')}\n`;
};
