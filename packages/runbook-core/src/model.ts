/**
 * The typed, positioned model of a Markdown runbook.
 *
 * Positions follow unist: `line` and `column` are 1-based, `offset` is a
 * 0-based UTF-16 index into the source string; `end` is exclusive.
 */

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Position {
  start: Point;
  end: Point;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a runbook: plain data, never thrown. */
export interface RunbookMessage {
  /** Stable id, e.g. `frontmatter-yaml`, `invalid-attribute`. */
  ruleId: string;
  severity: Severity;
  reason: string;
  position: Position;
  /** Documentation for the rule. */
  url?: string;
}

/** How much harm a command can do, worst last. */
export type Risk = 'read' | 'mutate' | 'destroy';

export interface VariableDeclaration {
  name: string;
  description?: string;
  secret: boolean;
  /** Must be set before a step reading it runs. */
  required: boolean;
  default?: string;
}

export interface SeverityLevel {
  /** `P0` … `P3`. */
  id: string;
  label?: string;
  /** Minutes to first response; absent for "next business day". */
  responseMinutes?: number;
  /** Minutes between status updates. */
  updateEveryMinutes?: number;
}

export interface RunbookMeta {
  title?: string;
  owner?: string;
  service?: string;
  /** Declared variables by name. */
  variables: Record<string, VariableDeclaration>;
  kubernetes?: { context?: string; namespace?: string };
  shell?: string;
  cwd?: string;
  /** Incident id template, e.g. `INC-{YYYY}{MM}{DD}-{HH}{mm}`. */
  incidentId?: string;
  severities?: SeverityLevel[];
  /** Every frontmatter key as parsed, for tools with their own conventions. */
  raw: Record<string, unknown>;
  position?: Position;
}

export interface Section {
  /** GitHub-compatible anchor slug, unique within the file. */
  slug: string;
  title: string;
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  /** The heading line. */
  position: Position;
  /** Slug of the enclosing section, if any. */
  parent?: string;
}

/** Info-string attributes with known meaning, validated and typed. */
export interface StepOptions {
  name?: string;
  /** `true` asks before running, `false` never asks; absent means "by risk". */
  confirm?: boolean;
  timeoutMs?: number;
  cwd?: string;
  shell?: string;
  interpreter?: string;
  interactive?: boolean;
  skip?: boolean;
  tags?: string[];
  context?: string;
  namespace?: string;
  runsOn?: 'local' | 'job';
  /** Stop a shell step at its first failing command (`set -e`). */
  errexit?: boolean;
  /** Container image for `runsOn=job`. */
  image?: string;
  /** Service account for `runsOn=job`. */
  serviceAccount?: string;
}

export interface ShellCommand {
  /** 0-based index within the step. */
  index: number;
  text: string;
  position: Position;
  /** Text of the comment line(s) directly above, without `#`. */
  heading?: string;
  risk: Risk;
  /** Why this risk, e.g. `kubectl rollout undo`. */
  riskReason?: string;
  /** Programs invoked, in order (`kubectl`, `jq`, …). */
  programs: string[];
}

export interface Step {
  /** Stable id; survives edits elsewhere in the file. */
  id: string;
  /** 0-based order among the runbook's steps. */
  index: number;
  name?: string;
  lang: string;
  /** Raw attribute map from the info string, string values. */
  attributes: Record<string, string>;
  options: StepOptions;
  code: string;
  /** The whole fenced block, fences included. */
  position: Position;
  /** The code between the fences. */
  codePosition: Position;
  section?: string;
  isShell: boolean;
  commands: ShellCommand[];
  /** Variables the code reads (`$X`, `${X}`), in first-use order. */
  reads: string[];
  /** Variables the code assigns or exports. */
  writes: string[];
  /** Variables the code exports to later steps. */
  exports: string[];
  /** Worst risk of its commands. */
  risk: Risk;
}

export interface ChecklistItem {
  /** Stable id; survives edits elsewhere in the file. */
  id: string;
  text: string;
  checked: boolean;
  /** 0 for a top-level item, 1 for an item nested in another list, … */
  depth: number;
  section?: string;
  position: Position;
  /** Offset of the character inside `[ ]` / `[x]`. */
  boxOffset: number;
}

export interface TemplateSlot {
  kind: 'variable' | 'placeholder';
  /** `INCIDENT_ID` for `${INCIDENT_ID}`; `Time in customer's timezone` for a bracket. */
  name: string;
  /** The slot as written, e.g. `${INCIDENT_ID}`. */
  raw: string;
  position: Position;
}

export interface Template {
  id: string;
  index: number;
  name?: string;
  lang: string;
  text: string;
  position: Position;
  codePosition: Position;
  section?: string;
  slots: TemplateSlot[];
}

export interface Table {
  section?: string;
  header: string[];
  rows: string[][];
  position: Position;
}

export interface Link {
  url: string;
  text: string;
  position: Position;
  /** For `#anchor` links, the slug without `#`. */
  anchor?: string;
}

export interface Diagram {
  lang: string;
  code: string;
  section?: string;
  position: Position;
}

export interface Runbook {
  path?: string;
  meta: RunbookMeta;
  sections: Section[];
  steps: Step[];
  checklistItems: ChecklistItem[];
  templates: Template[];
  tables: Table[];
  links: Link[];
  diagrams: Diagram[];
  messages: RunbookMessage[];
}

export interface ParseOptions {
  /** Shown in messages and kept on the model. */
  path?: string;
}
