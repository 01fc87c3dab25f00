import type { RunbookMeta, Step } from '../model.ts';
import { secretDetector } from '../run/secret-exports.ts';
import { redactText } from '../run/stream-redactor.ts';
import { urlPasswords } from './secret-names.ts';
import { isSecretVariable } from './secret-variables.ts';

export interface ValueInputs {
  meta: Pick<RunbookMeta, 'variables'>;
  /** Values given explicitly (`--var`): they win over everything but the incident's own. */
  flags: Readonly<Record<string, string>>;
  env: NodeJS.ProcessEnv;
  /** `INCIDENT_ID` and friends; empty without an incident. */
  incident: Readonly<Record<string, string>>;
  /** Values earlier runs in this incident exported: non-secret ones from the journal, and what this process still holds. */
  journalExports: Readonly<Record<string, string>>;
}

/** A value a step reads that no source gives. */
export interface MissingValue {
  name: string;
  secret: boolean;
  description?: string;
  /** Labels of the steps reading it. */
  readBy: string[];
  /** Labels of steps of the runbook that export it. */
  exportedBy: string[];
}

/** An export of a step, as the journal may keep it: a secret keeps only its name. */
export interface KeptExport {
  name: string;
  secret: boolean;
  value?: string;
}

/**
 * Every value steps receive, with where it came from: the one precedence of
 * every front-end. Lowest first: declared defaults, the environment, answers
 * given at a prompt, exports of earlier steps (this run, earlier runs in this
 * process, or the journal), values given explicitly (`--var`, a library
 * caller's `values`), incident values. Secrets are tracked so their values
 * are redacted and never stored.
 */
export class StepValues {
  readonly #inputs: ValueInputs;
  readonly #prompted: Record<string, string> = {};
  readonly #exported: Record<string, string>;
  readonly #secretNames = new Map<string, boolean>();
  #secretValues: string[] | undefined;

  constructor(inputs: ValueInputs) {
    this.#inputs = inputs;
    this.#exported = { ...inputs.journalExports };
  }

  isSecret(name: string): boolean {
    let secret = this.#secretNames.get(name);
    if (secret === undefined) {
      secret = isSecretVariable(this.#inputs.meta, name);
      this.#secretNames.set(name, secret);
    }
    return secret;
  }

  has(name: string): boolean {
    return this.valueOf(name) !== undefined;
  }

  /** The value a step would see. */
  valueOf(name: string): string | undefined {
    const { incident, flags, env } = this.#inputs;
    return own(incident, name) ?? own(flags, name) ?? own(this.#exported, name) ?? own(this.#prompted, name) ?? env[name] ?? this.#defaultOf(name);
  }

  /** A value given at a prompt. */
  provide(name: string, value: string): void {
    this.#prompted[name] = value;
    this.#secretValues = undefined;
  }

  /** Secret names given for this run (`--var`, prompts): the journal may say they were set, never to what. */
  givenSecrets(): string[] {
    return [...new Set([...Object.keys(this.#inputs.flags), ...Object.keys(this.#prompted)])].filter((name) => this.isSecret(name));
  }

  /** Declared variables (`--var`, prompted, defaults not shadowed by the environment), for `runStep`'s `variables`. */
  variables(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [name, declaration] of Object.entries(this.#inputs.meta.variables)) {
      if (declaration.default !== undefined && this.#inputs.env[name] === undefined) values[name] = declaration.default;
    }
    return { ...values, ...this.#prompted, ...this.#inputs.flags };
  }

  /** Exports for `runStep`'s `exported`, without names given by `--var`: an explicit value wins. */
  exported(): Record<string, string> {
    const values = { ...this.#exported };
    for (const name of Object.keys(this.#inputs.flags)) delete values[name];
    return values;
  }

  incident(): Record<string, string> {
    return { ...this.#inputs.incident };
  }

  /** A value as it may be shown: `***` for a secret, else with the secrets inside it (a URL's password) masked. */
  shown(name: string): string | undefined {
    const value = this.valueOf(name);
    if (value === undefined) return undefined;
    return this.isSecret(name) ? '***' : redactText(value, this.secrets());
  }

  /** Values to redact: every known value of a secret name, secret exports, and passwords inside URLs of any value. */
  secrets(): string[] {
    this.#secretValues ??= this.#collectSecrets();
    return [...this.#secretValues];
  }

  #collectSecrets(): string[] {
    const names = new Set([
      ...Object.keys(this.#inputs.meta.variables),
      ...Object.keys(this.#inputs.flags),
      ...Object.keys(this.#prompted),
      ...Object.keys(this.#exported),
      ...Object.keys(this.#inputs.env),
    ]);
    const values: string[] = [];
    for (const name of names) {
      const value = this.valueOf(name);
      if (value === undefined || value === '') continue;
      if (this.isSecret(name)) values.push(value);
      else values.push(...urlPasswords(value));
    }
    return values;
  }

  /**
   * Takes in what a step exported, for the steps after it, and says what the
   * journal may keep. A value is secret by its name or when it holds a secret
   * value or an encoded form of one (`export AUTH="Bearer $TOKEN"`, `export
   * ENC=$(printf %s "$TOKEN" | base64)`, a URL with a password).
   */
  addExports(exported: Readonly<Record<string, string>>): KeptExport[] {
    const holdsSecret = secretDetector(this.secrets());
    const kept: KeptExport[] = [];
    this.#secretValues = undefined;
    for (const [name, value] of Object.entries(exported)) {
      this.#exported[name] = value;
      const secret = this.isSecret(name) || holdsSecret(value) || urlPasswords(value).length > 0;
      // Redacted from now on as a whole, not only the secret inside it.
      if (secret) this.#secretNames.set(name, true);
      kept.push(secret ? { name, secret } : { name, secret, value });
    }
    return kept;
  }

  #defaultOf(name: string): string | undefined {
    const declaration = Object.hasOwn(this.#inputs.meta.variables, name) ? this.#inputs.meta.variables[name] : undefined;
    return declaration?.default;
  }
}

/**
 * Values the chosen steps read that nothing provides, in order of first need.
 * Not missing: a value an earlier chosen step exports, and a read that always
 * has a fallback in the code (`${X:-0}`).
 */
export function findMissingValues(
  steps: ReadonlyArray<{ step: Step; needed: readonly string[] }>,
  values: StepValues,
  meta: Pick<RunbookMeta, 'variables'>,
  allSteps: readonly Step[],
): MissingValue[] {
  const missing = new Map<string, MissingValue>();
  const exportedEarlier = new Set<string>();
  for (const { step, needed } of steps) {
    for (const name of needed) {
      if (values.has(name) || exportedEarlier.has(name) || alwaysHasFallback(step.code, name)) continue;
      const entry = missing.get(name) ?? newMissing(name, values, meta, allSteps);
      entry.readBy.push(step.name ?? step.id);
      missing.set(name, entry);
    }
    for (const name of step.exports) exportedEarlier.add(name);
  }
  return [...missing.values()];
}

/** The message without a terminal: every missing value and how to give it. */
export function describeMissingValues(missing: readonly MissingValue[]): string {
  const lines = ['missing values (no terminal to ask on):'];
  for (const value of missing) {
    const about = value.description === undefined ? '' : ` (${value.description})`;
    const hint =
      value.exportedBy.length > 0
        ? `; step ${value.exportedBy.join(' or ')} exports it: run it first in this incident`
        : value.name.startsWith('INCIDENT_')
          ? "; incidents give it: start one with 'runbook incident start'"
          : '';
    // A secret on the command line is readable by every local user: name the ways that keep it off.
    const how = value.secret
      ? `give it in the environment (${value.name}=… runbook run …), with --var-file <private file> or --var-stdin ${value.name}`
      : `pass --var ${value.name}=…`;
    lines.push(`  ${value.name}${about}, read by ${value.readBy.join(', ')}: ${how}${hint}`);
  }
  return lines.join('\n');
}

function newMissing(name: string, values: StepValues, meta: Pick<RunbookMeta, 'variables'>, allSteps: readonly Step[]): MissingValue {
  const description = Object.hasOwn(meta.variables, name) ? meta.variables[name]?.description : undefined;
  return {
    name,
    secret: values.isSecret(name),
    ...(description === undefined ? {} : { description }),
    readBy: [],
    exportedBy: allSteps.filter((step) => step.exports.includes(name)).map((step) => step.name ?? step.id),
  };
}

function alwaysHasFallback(code: string, name: string): boolean {
  const uses = code.match(new RegExp(`\\$(?:\\{[#!]?)?${name}(?![A-Za-z0-9_])`, 'g'))?.length ?? 0;
  const withFallback = code.match(new RegExp(`\\$\\{${name}:?[-=+]`, 'g'))?.length ?? 0;
  return uses > 0 && uses === withFallback;
}

function own(record: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
