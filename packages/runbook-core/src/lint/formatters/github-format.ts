import type { Severity } from '../../model.ts';
import type { Formatter } from './format-context.ts';
import { summaryLine } from './format-context.ts';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: one annotation per message, then a plain summary. */
export const formatGithub: Formatter = (results) => {
  const lines: string[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      const { start, end } = message.position;
      const properties = [
        `file=${escapeProperty(result.path)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(message.ruleId)}`,
      ];
      lines.push(`::${commands[message.severity]} ${properties.join(',')}::${escapeData(message.reason)}`);
    }
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
};

/** Message text: `%`, CR and LF are encoded, as the runner decodes them. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also encode `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
