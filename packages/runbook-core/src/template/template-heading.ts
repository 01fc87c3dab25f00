import { slug } from 'github-slugger';
import type { Runbook, Template } from '../model.ts';

/** What a person calls a template: its label, the slug of that label, and its `name` attribute. */
export interface TemplateHeading {
  template: Template;
  /** The bold line right above the block (`**Resolution Notification**`), else its section's title. */
  heading: string;
  /** GitHub-style slug of `heading`. */
  slug: string;
  /** The section path's titles and the heading, for word matches (`customer-initial`). */
  words: string[];
}

/**
 * The heading of every template. `source` is the file the runbook was parsed
 * from: a template labelled by a bold paragraph (as customer templates often
 * are, several under one section) is told apart by that label.
 */
export function templateHeadings(runbook: Pick<Runbook, 'templates' | 'sections'>, source?: string): TemplateHeading[] {
  const lines = source === undefined ? [] : source.split(/\r\n|\r|\n/);
  const sections = new Map(runbook.sections.map((section) => [section.slug, section]));
  return runbook.templates.map((template) => {
    const section = template.section === undefined ? undefined : sections.get(template.section);
    const heading = labelAbove(lines, template.position.start.line) ?? section?.title ?? template.name ?? template.id;
    const path: string[] = [];
    for (let at = section; at !== undefined; at = at.parent === undefined ? undefined : sections.get(at.parent)) path.push(at.title);
    const words = [...new Set([...path, heading, template.name ?? ''].flatMap(wordsOf))];
    return { template, heading, slug: slug(heading), words };
  });
}

/** The words of a name or title, lower case: `Post-Incident Review` is post, incident, review. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** A whole-line bold label (`**Initial Notification (P0/P1 incidents)**`) right above the fence, blank lines allowed. */
function labelAbove(lines: readonly string[], fenceLine: number): string | undefined {
  for (let index = fenceLine - 2; index >= 0 && index >= fenceLine - 4; index--) {
    const line = lines[index]?.trim() ?? '';
    if (line === '') continue;
    const bold = /^(\*\*|__)(?<label>[^*_].*?)\1:?$/.exec(line);
    return bold?.groups?.label?.trim();
  }
  return undefined;
}
