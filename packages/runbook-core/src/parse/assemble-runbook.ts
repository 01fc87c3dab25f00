import type {
  ChecklistItem,
  Diagram,
  Link,
  Position,
  Runbook,
  RunbookMessage,
  Section,
  ShellCommand,
  Step,
  Table,
  Template,
} from '../model.ts';
import type { BlockFacts } from './block-facts.ts';
import type { CodeBlockFact } from './code-block-fact.ts';
import type { CommandFact } from './step-analysis.ts';
import { GithubSlugger, githubSlug } from './github-slug.ts';
import type { LineIndex } from './line-index.ts';
import { IdRegistry, scopedId } from './stable-id.ts';

const MAX_ITEM_KEY_LENGTH = 48;

/**
 * Builds the model from per-block facts. Everything that depends on more than
 * one block happens here, in document order: unique section slugs and the
 * section tree, owning sections, indexes, unique ids, reference links. It is
 * linear and cheap, so an edited document re-runs it whole.
 *
 * Ids: a step or template is its `name` attribute slugged, else
 * `<section slug>/<8 hex of its code's hash>`; a checklist item is
 * `<section slug>/<slug of its text, at most 48 characters>`; content before
 * the first heading has no `section/` prefix; repeats get `~2`, `~3`. So an id
 * changes only when its own code or text, its name, or its section's title
 * changes — not when lines, items, steps or sections are added elsewhere.
 */
export function assembleRunbook(blocks: readonly BlockFacts[], lines: LineIndex, path: string | undefined): Runbook {
  const runbook: Runbook = {
    meta: { variables: {}, raw: {} },
    sections: [],
    steps: [],
    checklistItems: [],
    templates: [],
    tables: [],
    links: [],
    diagrams: [],
    messages: [],
  };
  if (path !== undefined) runbook.path = path;
  const slugger = new GithubSlugger();
  const stepIds = new IdRegistry();
  const templateIds = new IdRegistry();
  const itemIds = new IdRegistry();
  const openSections: Section[] = [];
  const definitions = new Map<string, string>();
  for (const block of blocks) {
    for (const definition of block.definitions) {
      if (!definitions.has(definition.identifier)) definitions.set(definition.identifier, definition.url);
    }
  }

  for (const block of blocks) {
    const base = block.start;
    const position = (start: number, end: number) => lines.position(base + start, base + end);
    const sectionsBefore = runbook.sections.length;
    // The last heading before an element: in this block, or else the last one before it.
    const sectionAfter = (headingsBefore: number): string | undefined => runbook.sections[sectionsBefore + headingsBefore - 1]?.slug;

    if (block.meta !== undefined) {
      runbook.meta = { ...block.meta, position: position(0, block.end - block.start) };
    }
    for (const heading of block.headings) {
      const section: Section = { slug: slugger.unique(heading.baseSlug), title: heading.title, depth: heading.depth, position: position(heading.start, heading.end) };
      while ((openSections.at(-1)?.depth ?? 0) >= heading.depth) openSections.pop();
      const parent = openSections.at(-1);
      if (parent !== undefined) section.parent = parent.slug;
      openSections.push(section);
      runbook.sections.push(section);
    }
    for (const fact of block.codeBlocks) {
      const section = sectionAfter(fact.headingsBefore);
      if (fact.role === 'diagram') runbook.diagrams.push(diagramOf(fact, section, position));
      else if (fact.role === 'template') {
        runbook.templates.push(templateOf(fact, section, runbook.templates.length, templateIds, position));
      } else {
        runbook.steps.push(stepOf(fact, section, runbook.steps.length, stepIds, position));
      }
    }
    for (const fact of block.checklistItems) {
      const section = sectionAfter(fact.headingsBefore);
      const key = githubSlug(fact.text).slice(0, MAX_ITEM_KEY_LENGTH).replace(/-+$/, '') || 'item';
      const item: ChecklistItem = {
        id: itemIds.unique(scopedId(section, key)),
        text: fact.text,
        checked: fact.checked,
        depth: fact.depth,
        position: position(fact.start, fact.end),
        boxOffset: base + fact.box,
      };
      if (section !== undefined) item.section = section;
      runbook.checklistItems.push(item);
    }
    for (const fact of block.tables) {
      const table: Table = { header: fact.header, rows: fact.rows, position: position(fact.start, fact.end) };
      const section = sectionAfter(fact.headingsBefore);
      if (section !== undefined) table.section = section;
      runbook.tables.push(table);
    }
    for (const fact of block.links) {
      const url = fact.url ?? definitions.get(fact.identifier ?? '');
      if (url === undefined) continue;
      const link: Link = { url, text: fact.text, position: position(fact.start, fact.end) };
      if (url.startsWith('#')) link.anchor = decodeAnchor(url.slice(1));
      runbook.links.push(link);
    }
    for (const fact of block.messages) {
      const message: RunbookMessage = { ruleId: fact.ruleId, severity: fact.severity, reason: fact.reason, position: position(fact.start, fact.end) };
      runbook.messages.push(message);
    }
  }
  runbook.messages.sort((a, b) => a.position.start.offset - b.position.start.offset);
  return runbook;
}

type Place = (start: number, end: number) => Position;
type PlacedBlock = Pick<Step, 'id' | 'index' | 'name' | 'lang' | 'position' | 'codePosition' | 'section'>;

function stepOf(fact: CodeBlockFact, section: string | undefined, index: number, ids: IdRegistry, position: Place): Step {
  return {
    ...placedBlock(fact, section, index, ids, position),
    attributes: fact.attributes,
    options: fact.options,
    code: fact.code,
    isShell: fact.isShell,
    commands: fact.commands.map((command) => commandOf(command, position)),
    reads: fact.reads,
    writes: fact.writes,
    exports: fact.exports,
    risk: fact.risk,
  };
}

function templateOf(fact: CodeBlockFact, section: string | undefined, index: number, ids: IdRegistry, position: Place): Template {
  return {
    ...placedBlock(fact, section, index, ids, position),
    text: fact.code,
    slots: fact.slots.map((slot) => ({ kind: slot.kind, name: slot.name, raw: slot.raw, position: position(slot.start, slot.end) })),
  };
}

function commandOf(command: CommandFact, position: Place): ShellCommand {
  const placed: ShellCommand = { index: command.index, text: command.text, position: position(command.start, command.end), risk: command.risk, programs: command.programs };
  if (command.heading !== undefined) placed.heading = command.heading;
  if (command.riskReason !== undefined) placed.riskReason = command.riskReason;
  return placed;
}

/** What steps and templates share: identity, order, place, name and section. */
function placedBlock(fact: CodeBlockFact, section: string | undefined, index: number, ids: IdRegistry, position: Place): PlacedBlock {
  const named = fact.options.name === undefined ? '' : githubSlug(fact.options.name);
  const block: PlacedBlock = {
    id: ids.unique(named !== '' ? named : scopedId(section, fact.hash)),
    index,
    lang: fact.lang,
    position: position(fact.start, fact.end),
    codePosition: position(fact.codeStart, fact.codeEnd),
  };
  if (fact.options.name !== undefined) block.name = fact.options.name;
  if (section !== undefined) block.section = section;
  return block;
}

function diagramOf(fact: CodeBlockFact, section: string | undefined, position: Place): Diagram {
  const diagram: Diagram = { lang: fact.lang, code: fact.code, position: position(fact.start, fact.end) };
  if (section !== undefined) diagram.section = section;
  return diagram;
}

function decodeAnchor(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
