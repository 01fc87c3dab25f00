import GithubSlugger from 'github-slugger';
import type { ChecklistItem, Diagram, Link, Position, Runbook, Section, ShellCommand, Step, Table, Template, TemplateSlot } from '../model.ts';
import type { BlockFacts, ChecklistFact, HeadingFact, LinkFact, PlacedTableFact } from './block-facts.ts';
import type { CodeBlockFact } from './code-block-fact.ts';
import type { LineIndex } from './line-index.ts';
import { IdRegistry, scopedId } from './stable-id.ts';
import type { CommandFact } from './step-analysis.ts';

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
  return new RunbookAssembler(lines, blocks).assemble(blocks, path);
}

class RunbookAssembler {
  readonly #lines: LineIndex;
  readonly #runbook: Runbook = {
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
  readonly #slugger = new GithubSlugger();
  readonly #stepIds = new IdRegistry();
  readonly #templateIds = new IdRegistry();
  readonly #itemIds = new IdRegistry();
  readonly #openSections: Section[] = [];
  /** Reference definitions by identifier; the first one wins, as in CommonMark. */
  readonly #definitions = new Map<string, string>();
  /** Start of the block being placed: fact offsets are relative to it. */
  #base = 0;
  /** Sections before the block being placed. */
  #sectionsBefore = 0;

  constructor(lines: LineIndex, blocks: readonly BlockFacts[]) {
    this.#lines = lines;
    for (const block of blocks) {
      for (const definition of block.definitions) {
        if (!this.#definitions.has(definition.identifier)) this.#definitions.set(definition.identifier, definition.url);
      }
    }
  }

  assemble(blocks: readonly BlockFacts[], path: string | undefined): Runbook {
    const runbook = this.#runbook;
    if (path !== undefined) runbook.path = path;
    for (const block of blocks) {
      this.#base = block.start;
      this.#sectionsBefore = runbook.sections.length;
      if (block.meta !== undefined) runbook.meta = { ...block.meta, position: this.#place(0, block.end - block.start) };
      for (const heading of block.headings) this.#heading(heading);
      for (const fact of block.codeBlocks) this.#codeBlock(fact);
      for (const fact of block.checklistItems) runbook.checklistItems.push(this.#checklistItem(fact));
      for (const fact of block.tables) runbook.tables.push(this.#table(fact));
      for (const fact of block.links) this.#link(fact);
      for (const fact of block.messages) {
        runbook.messages.push({ ruleId: fact.ruleId, severity: fact.severity, reason: fact.reason, position: this.#place(fact.start, fact.end) });
      }
    }
    runbook.messages.sort((a, b) => a.position.start.offset - b.position.start.offset);
    return runbook;
  }

  #place(start: number, end: number): Position {
    return this.#lines.position(this.#base + start, this.#base + end);
  }

  // The last heading before an element: in its block, or else the last one before the block.
  #sectionAfter(headingsBefore: number): string | undefined {
    return this.#runbook.sections[this.#sectionsBefore + headingsBefore - 1]?.slug;
  }

  #heading(heading: HeadingFact): void {
    const section: Section = {
      // Slugging a slug changes nothing: the slugger only makes it unique.
      slug: this.#slugger.slug(heading.baseSlug),
      title: heading.title,
      depth: heading.depth,
      position: this.#place(heading.start, heading.end),
    };
    const open = this.#openSections;
    while ((open.at(-1)?.depth ?? 0) >= heading.depth) open.pop();
    const parent = open.at(-1);
    if (parent !== undefined) section.parent = parent.slug;
    open.push(section);
    this.#runbook.sections.push(section);
  }

  #codeBlock(fact: CodeBlockFact): void {
    const runbook = this.#runbook;
    const section = this.#sectionAfter(fact.headingsBefore);
    if (fact.role === 'diagram') {
      const diagram: Diagram = { lang: fact.lang, code: fact.code, position: this.#place(fact.start, fact.end) };
      if (section !== undefined) diagram.section = section;
      runbook.diagrams.push(diagram);
    } else if (fact.role === 'template') {
      runbook.templates.push(this.#template(fact, section));
    } else {
      runbook.steps.push(this.#step(fact, section));
    }
  }

  #step(fact: CodeBlockFact, section: string | undefined): Step {
    const commands: ShellCommand[] = [];
    for (const command of fact.commands) commands.push(this.#command(command));
    const step: Step = {
      id: this.#stepIds.unique(fact.namedId ?? scopedId(section, fact.hash)),
      index: this.#runbook.steps.length,
      lang: fact.lang,
      attributes: fact.attributes,
      options: fact.options,
      code: fact.code,
      position: this.#place(fact.start, fact.end),
      codePosition: this.#place(fact.codeStart, fact.codeEnd),
      isShell: fact.isShell,
      commands,
      reads: fact.reads,
      writes: fact.writes,
      exports: fact.exports,
      risk: fact.risk,
    };
    if (fact.options.name !== undefined) step.name = fact.options.name;
    if (section !== undefined) step.section = section;
    return step;
  }

  #command(command: CommandFact): ShellCommand {
    const placed: ShellCommand = {
      index: command.index,
      text: command.text,
      position: this.#place(command.start, command.end),
      risk: command.risk,
      programs: command.programs,
    };
    if (command.heading !== undefined) placed.heading = command.heading;
    if (command.riskReason !== undefined) placed.riskReason = command.riskReason;
    return placed;
  }

  #template(fact: CodeBlockFact, section: string | undefined): Template {
    const slots: TemplateSlot[] = [];
    for (const slot of fact.slots) slots.push({ kind: slot.kind, name: slot.name, raw: slot.raw, position: this.#place(slot.start, slot.end) });
    const template: Template = {
      id: this.#templateIds.unique(fact.namedId ?? scopedId(section, fact.hash)),
      index: this.#runbook.templates.length,
      lang: fact.lang,
      text: fact.code,
      position: this.#place(fact.start, fact.end),
      codePosition: this.#place(fact.codeStart, fact.codeEnd),
      slots,
    };
    if (fact.options.name !== undefined) template.name = fact.options.name;
    if (section !== undefined) template.section = section;
    return template;
  }

  #checklistItem(fact: ChecklistFact): ChecklistItem {
    const section = this.#sectionAfter(fact.headingsBefore);
    const item: ChecklistItem = {
      id: this.#itemIds.unique(scopedId(section, fact.key)),
      text: fact.text,
      checked: fact.checked,
      depth: fact.depth,
      position: this.#place(fact.start, fact.end),
      boxOffset: this.#base + fact.box,
    };
    if (section !== undefined) item.section = section;
    return item;
  }

  #table(fact: PlacedTableFact): Table {
    const table: Table = { header: fact.header, rows: fact.rows, position: this.#place(fact.start, fact.end) };
    const section = this.#sectionAfter(fact.headingsBefore);
    if (section !== undefined) table.section = section;
    return table;
  }

  #link(fact: LinkFact): void {
    const url = fact.url ?? this.#definitions.get(fact.identifier ?? '');
    if (url === undefined) return;
    const link: Link = { url, text: fact.text, position: this.#place(fact.start, fact.end) };
    if (url.startsWith('#')) link.anchor = decodeAnchor(url.slice(1));
    this.#runbook.links.push(link);
  }
}

function decodeAnchor(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
