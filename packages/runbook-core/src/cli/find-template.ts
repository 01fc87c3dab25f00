import type { Runbook, Template } from '../model.ts';
import { findTemplateByName, templateCallName, type TemplateHeading } from '../template/index.ts';
import { UsageError } from './command.ts';

/**
 * A template by name, heading, section or id (see `findTemplateByName`).
 * None or several: a usage error listing the templates, with "did you mean"
 * for a near miss.
 */
export async function findTemplate(runbook: Runbook, wanted: string, source?: string): Promise<Template> {
  const found = findTemplateByName(runbook, wanted, source);
  if (found.kind === 'found') return found.template;
  if (found.kind === 'ambiguous')
    throw new UsageError(`'${wanted}' matches ${found.candidates.length} templates; name one:\n${describeTemplates(found.candidates)}`);
  const where = runbook.path ?? 'the runbook';
  const hint = found.suggestion === undefined ? '' : ` (did you mean '${found.suggestion}'?)`;
  const known = found.headings.length === 0 ? '  (the runbook has no templates)' : describeTemplates(found.headings);
  throw new UsageError(`no template '${wanted}' in ${where}${hint}. Templates:\n${known}`);
}

/** One line per template: the name to type, its heading, its id, line and slots. */
export function describeTemplates(headings: readonly TemplateHeading[]): string {
  return headings
    .map((entry) => {
      const slots = [...new Set(entry.template.slots.map((slot) => slot.raw))].join(' ') || 'none';
      return `  ${templateCallName(entry)}  "${entry.heading}"  (${entry.template.id}, line ${entry.template.position.start.line}; slots: ${slots})`;
    })
    .join('\n');
}
