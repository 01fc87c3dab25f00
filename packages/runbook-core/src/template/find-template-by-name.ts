import type { Runbook, Template } from '../model.ts';
import { templateHeadings, wordsOf, type TemplateHeading } from './template-heading.ts';

export type TemplateLookup =
  | { kind: 'found'; template: Template; heading: TemplateHeading }
  /** Several fit equally well: name one of them. */
  | { kind: 'ambiguous'; candidates: TemplateHeading[] }
  /** None fits; `suggestion` is the closest name when one is close enough. */
  | { kind: 'missing'; suggestion?: string; headings: TemplateHeading[] };

/**
 * A template by what a person types, tried in order, the first that finds
 * exactly one winning: its id (old hash ids keep working), its `name`
 * attribute, the slug or text of its heading, its section's slug or title,
 * then every typed word among its heading and section words
 * (`customer-initial` finds "Initial Notification" under "Customer
 * Communication Templates"). `status-update` also finds the status-update
 * template however it is titled. Case is ignored.
 */
export function findTemplateByName(runbook: Pick<Runbook, 'templates' | 'sections'>, wanted: string, source?: string): TemplateLookup {
  const headings = templateHeadings(runbook, source);
  const lower = wanted.trim().toLowerCase();
  const typed = wordsOf(wanted);
  const titleOf = (sectionSlug: string | undefined) => runbook.sections.find((section) => section.slug === sectionSlug)?.title.toLowerCase();
  const matchers: Array<(entry: TemplateHeading) => boolean> = [
    (entry) => entry.template.id === wanted.trim(),
    (entry) => entry.template.name?.toLowerCase() === lower,
    (entry) => entry.slug === lower || entry.heading.toLowerCase() === lower,
    (entry) => entry.template.section === lower || titleOf(entry.template.section) === lower,
    (entry) => typed.length > 0 && typed.every((word) => entry.words.includes(word)),
  ];
  for (const matches of matchers) {
    const found = headings.filter(matches);
    if (found.length === 1) return { kind: 'found', template: found[0]!.template, heading: found[0]! };
    if (found.length > 1) return { kind: 'ambiguous', candidates: found };
  }
  if (/^status[\s_-]*update$/i.test(wanted.trim())) {
    const named = /status[\s_-]*update/i;
    const found =
      headings.find((entry) => named.test(entry.template.name ?? '') || named.test(entry.template.section ?? '')) ??
      headings.find((entry) => entry.template.text.includes('${INCIDENT_ID}') && /\bstatus\b/i.test(entry.template.text));
    if (found) return { kind: 'found', template: found.template, heading: found };
  }
  const suggestion = closestName(lower, headings);
  return suggestion === undefined ? { kind: 'missing', headings } : { kind: 'missing', suggestion, headings };
}

/** The name a person would type for a template: its `name`, else its heading's slug. */
export function templateCallName(entry: TemplateHeading): string {
  return entry.template.name ?? entry.slug;
}

function closestName(wanted: string, headings: readonly TemplateHeading[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const entry of headings) {
    for (const name of new Set([templateCallName(entry), entry.slug, entry.template.id])) {
      // A typo in the first words of a longer name counts too (`resolutoin` for `resolution-notification`).
      const lower = name.toLowerCase();
      const distance = Math.min(editDistance(wanted, lower), lower.length > wanted.length ? editDistance(wanted, lower.slice(0, wanted.length)) + 1 : Infinity);
      if (best === undefined || distance < best.distance) best = { name, distance };
    }
  }
  // Close: a third of the longer name, at least two edits (a typo and a swap).
  if (best === undefined || best.distance > Math.max(2, Math.floor(wanted.length / 3))) return undefined;
  return templateCallName(headings.find((entry) => [templateCallName(entry), entry.slug, entry.template.id].includes(best.name))!);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
