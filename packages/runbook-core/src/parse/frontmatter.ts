import { isNode, parseDocument, type Document } from 'yaml';
import type { RunbookMeta, SeverityLevel, VariableDeclaration } from '../model.ts';
import { parseDuration } from './duration.ts';
import type { MessageFact } from './message-fact.ts';

export type MetaFact = Omit<RunbookMeta, 'position'>;

type Path = Array<string | number>;

/**
 * Reads the YAML frontmatter into the runbook's meta. The convention:
 *
 * ```yaml
 * title: Checkout API incident response      # strings: title, owner, service, shell, cwd
 * owner: payments-oncall
 * service: checkout-api
 * shell: bash
 * cwd: ./ops
 * kubernetes: { context: prod-eu, namespace: checkout }
 * incident: { id: "INC-{YYYY}{MM}{DD}-{HH}{mm}" }   # or incidentId: …
 * variables:
 *   REGION: Cloud region of the cluster          # a bare string is the description
 *   SLACK_BOT_TOKEN: { description: Slack bot token, secret: true }
 *   REPLICAS: { default: "10" }                  # required defaults to "no default given"
 * severities:                                    # or a map keyed by id: { P0: {…}, … }
 *   - { id: P0, label: Critical, response: 15m, updates: 15m }
 *   - { id: P3, label: Low, response: next business day }
 * ```
 *
 * Durations take a unit (`15m`, `1h`, `1h30m`, `4 hours`); `next business day`
 * (or any text starting "next") means no fixed response time. Malformed YAML
 * is one message per error, positioned in the file, and yields an empty meta;
 * a value of the wrong type is a message naming its key and is left out.
 * Every other key is kept in `raw` for tools with their own conventions.
 */
export function readFrontmatter(yamlText: string, yamlStart: number): { meta: MetaFact; messages: MessageFact[] } {
  const reader = new FrontmatterReader(yamlText, yamlStart);
  return { meta: reader.read(), messages: reader.messages };
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

class FrontmatterReader {
  readonly messages: MessageFact[] = [];
  readonly #document: Document;
  readonly #yamlStart: number;
  readonly #yamlEnd: number;

  constructor(yamlText: string, yamlStart: number) {
    this.#document = parseDocument(yamlText, { prettyErrors: false, logLevel: 'silent' });
    this.#yamlStart = yamlStart;
    this.#yamlEnd = yamlStart + yamlText.length;
  }

  read(): MetaFact {
    const meta: MetaFact = { variables: {}, raw: {} };
    const document = this.#document;
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        const [start, end] = error.pos;
        this.#report('frontmatter-yaml', `invalid YAML frontmatter: ${firstLine(error.message)}`, start, end);
      }
      return meta;
    }
    let raw: unknown;
    try {
      raw = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      this.#report('frontmatter-yaml', `invalid YAML frontmatter: ${firstLine((error as Error).message)}`, 0, 0);
      return meta;
    }
    if (raw === null || raw === undefined) return meta;
    if (!isRecord(raw)) {
      this.#reportAt([], 'the frontmatter must be a YAML mapping of keys to values');
      return meta;
    }
    meta.raw = raw;
    for (const key of ['title', 'owner', 'service', 'shell', 'cwd'] as const) {
      const value = this.#string(raw, [key]);
      if (value !== undefined) meta[key] = value;
    }
    const kubernetes = this.#kubernetes(raw);
    if (kubernetes !== undefined) meta.kubernetes = kubernetes;
    const incidentId = this.#incidentId(raw);
    if (incidentId !== undefined) meta.incidentId = incidentId;
    meta.variables = this.#variables(raw);
    const severities = this.#severities(raw);
    if (severities !== undefined) meta.severities = severities;
    return meta;
  }

  #kubernetes(raw: Record<string, unknown>): RunbookMeta['kubernetes'] {
    const value = this.#record(raw, ['kubernetes']);
    if (value === undefined) return undefined;
    const kubernetes: NonNullable<RunbookMeta['kubernetes']> = {};
    const context = this.#string(value, ['kubernetes', 'context']);
    const namespace = this.#string(value, ['kubernetes', 'namespace']);
    if (context !== undefined) kubernetes.context = context;
    if (namespace !== undefined) kubernetes.namespace = namespace;
    return kubernetes;
  }

  #incidentId(raw: Record<string, unknown>): string | undefined {
    const incident = this.#record(raw, ['incident']);
    const fromIncident = incident === undefined ? undefined : this.#string(incident, ['incident', 'id']);
    return fromIncident ?? this.#string(raw, ['incidentId']);
  }

  #variables(raw: Record<string, unknown>): Record<string, VariableDeclaration> {
    const variables: Record<string, VariableDeclaration> = {};
    const declared = this.#record(raw, ['variables']);
    if (declared === undefined) return variables;
    for (const [name, value] of Object.entries(declared)) {
      const path = ['variables', name];
      if (!variableName.test(name)) {
        this.#reportAt(path, `variables: '${name}' is not a variable name (letters, digits and '_', not starting with a digit)`);
        continue;
      }
      const declaration: VariableDeclaration = { name, secret: false, required: true };
      if (typeof value === 'string') {
        declaration.description = value;
      } else if (isRecord(value)) {
        const description = this.#string(value, [...path, 'description']);
        const secret = this.#boolean(value, [...path, 'secret']);
        const required = this.#boolean(value, [...path, 'required']);
        const fallback = this.#scalar(value, [...path, 'default']);
        if (description !== undefined) declaration.description = description;
        if (secret !== undefined) declaration.secret = secret;
        if (fallback !== undefined) declaration.default = fallback;
        declaration.required = required ?? fallback === undefined;
      } else if (value !== null) {
        this.#reportAt(path, `variables.${name} must be a description or a mapping (description, secret, required, default)`);
        continue;
      }
      Object.defineProperty(variables, name, { value: declaration, enumerable: true, writable: true, configurable: true });
    }
    return variables;
  }

  #severities(raw: Record<string, unknown>): SeverityLevel[] | undefined {
    const value = raw.severities;
    if (value === undefined || value === null) return undefined;
    const entries: Array<[Path, unknown, string | undefined]> = Array.isArray(value)
      ? value.map((entry, index) => [['severities', index], entry, undefined])
      : isRecord(value)
        ? Object.entries(value).map(([id, entry]) => [['severities', id], entry, id])
        : [];
    if (entries.length === 0 && !Array.isArray(value)) {
      this.#reportAt(['severities'], 'severities must be a list of { id, label, response, updates } or a mapping keyed by id');
      return undefined;
    }
    const levels: SeverityLevel[] = [];
    for (const [path, entry, key] of entries) {
      if (!isRecord(entry)) {
        this.#reportAt(path, `${pathText(path)} must be a mapping with id, label, response and updates`);
        continue;
      }
      const id = key ?? this.#string(entry, [...path, 'id']);
      if (id === undefined) {
        this.#reportAt(path, `${pathText(path)} needs an id such as P0`);
        continue;
      }
      const level: SeverityLevel = { id };
      const label = this.#string(entry, [...path, 'label']);
      const response = this.#minutes(entry, [...path, 'response']);
      const updates = this.#minutes(entry, [...path, 'updates']);
      if (label !== undefined) level.label = label;
      if (response !== undefined) level.responseMinutes = response;
      if (updates !== undefined) level.updateEveryMinutes = updates;
      levels.push(level);
    }
    return levels;
  }

  #minutes(container: Record<string, unknown>, path: Path): number | undefined {
    const text = this.#scalar(container, path);
    if (text === undefined || /^\s*next\b/i.test(text)) return undefined;
    const milliseconds = parseDuration(text);
    if (milliseconds === undefined) {
      this.#reportAt(path, `${pathText(path)}: '${text}' is not a duration with a unit, e.g. 15m, 1h or "next business day"`);
      return undefined;
    }
    return milliseconds / 60_000;
  }

  #string(container: Record<string, unknown>, path: Path): string | undefined {
    return this.#typed(container, path, 'a string', (value) => (typeof value === 'string' ? value : undefined));
  }

  #scalar(container: Record<string, unknown>, path: Path): string | undefined {
    return this.#typed(container, path, 'a single value', (value) =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined,
    );
  }

  #boolean(container: Record<string, unknown>, path: Path): boolean | undefined {
    return this.#typed(container, path, 'true or false', (value) => (typeof value === 'boolean' ? value : undefined));
  }

  #record(container: Record<string, unknown>, path: Path): Record<string, unknown> | undefined {
    return this.#typed(container, path, 'a mapping', (value) => (isRecord(value) ? value : undefined));
  }

  /** The value at the end of `path` when `accept` takes it; a message naming the key when not; absent and null are absent. */
  #typed<T>(container: Record<string, unknown>, path: Path, expected: string, accept: (value: unknown) => T | undefined): T | undefined {
    const value = Object.hasOwn(container, String(path.at(-1))) ? container[String(path.at(-1))] : undefined;
    if (value === undefined || value === null) return undefined;
    const typed = accept(value);
    if (typed === undefined) this.#reportAt(path, `${pathText(path)} must be ${expected}, got ${typeName(value)}`);
    return typed;
  }

  #reportAt(path: Path, reason: string): void {
    const node = path.length === 0 ? this.#document.contents : this.#document.getIn(path, true);
    const range = isNode(node) ? node.range : undefined;
    if (range) this.#report('frontmatter-field', reason, range[0], range[1]);
    else this.#report('frontmatter-field', reason, 0, this.#yamlEnd - this.#yamlStart);
  }

  #report(ruleId: string, reason: string, start: number, end: number): void {
    const from = Math.min(this.#yamlStart + start, this.#yamlEnd);
    const to = Math.max(from, Math.min(this.#yamlStart + end, this.#yamlEnd));
    this.messages.push({ ruleId, severity: 'error', reason, start: from, end: to });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function pathText(path: Path): string {
  return path.map((part) => String(part)).join('.');
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
