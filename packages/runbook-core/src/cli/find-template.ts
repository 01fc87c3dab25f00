import type { Runbook, Template } from '../model.ts';
import { UsageError } from './command.ts';

/**
 * A template by id, name, or section (slug or title, case ignored); `status-update`
 * also finds the runbook's status-update template however it is titled.
 * None or several: a usage error listing the templates.
 */
export async function findTemplate(runbook: Runbook, wanted: string): Promise<Template> {
  const lower = wanted.trim().toLowerCase();
  const titleOf = (slug: string | undefined) => runbook.sections.find((section) => section.slug === slug)?.title.toLowerCase();
  const matchers: Array<(template: Template) => boolean> = [
    (template) => template.id === wanted,
    (template) => template.name?.toLowerCase() === lower,
    (template) => template.section === lower || titleOf(template.section) === lower,
  ];
  for (const matches of matchers) {
    const found = runbook.templates.filter(matches);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw new UsageError(`'${wanted}' matches ${found.length} templates; name one by id:\n${describe(found)}`);
  }
  if (/^status[\s_-]*update$/i.test(wanted.trim())) {
    const { findStatusUpdateTemplate } = await import('../incident/status-update.ts');
    const found = findStatusUpdateTemplate(runbook);
    if (found) return found;
  }
  const known = runbook.templates.length === 0 ? '  (the runbook has no templates)' : describe(runbook.templates);
  throw new UsageError(`no template '${wanted}' in ${runbook.path ?? 'the runbook'}. Templates:\n${known}`);
}

function describe(templates: readonly Template[]): string {
  return templates
    .map((template) => `  ${template.id}  (line ${template.position.start.line}, slots: ${template.slots.map((slot) => slot.raw).join(' ') || 'none'})`)
    .join('\n');
}
