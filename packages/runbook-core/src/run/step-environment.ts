import { startupVariableReason } from './export-policy.ts';
import type { PlanStepOptions } from './run-step-options.ts';

/** Where a variable's value came from, lowest precedence first. */
export type ValueSource = 'environment' | 'variable' | 'exported' | 'incident';

export interface StepEnvironment {
  env: Record<string, string>;
  /** Where each value came from; names absent here come from the base environment. */
  sources: Map<string, ValueSource>;
}

const layers = [
  ['variables', 'variable'],
  ['exported', 'exported'],
  ['incident', 'incident'],
] as const;

/**
 * The environment a step runs with: the base environment, then declared
 * variables, then what earlier steps exported, then incident values. Values
 * go to the script only this way, never into its code.
 */
export function buildStepEnvironment(options: PlanStepOptions): StepEnvironment {
  const env: Record<string, string> = {};
  const sources = new Map<string, ValueSource>();
  const put = (option: string, values: Readonly<Record<string, string | undefined>> | undefined, source: ValueSource): void => {
    if (values === undefined) return;
    if (typeof values !== 'object' || values === null) throw new TypeError(`option '${option}' must be an object of names to strings`);
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      checkEntry(option, name, value);
      // What earlier steps exported is data: a name that changes how programs start is never carried.
      if (source === 'exported' && startupVariableReason(name) !== undefined) continue;
      env[name] = value;
      sources.set(name, source);
    }
  };
  // The base environment is copied whole: the OS has already vetted its names and values.
  if (options.extendEnv !== false) Object.assign(env, process.env);
  put('env', options.env, 'environment');
  for (const [option, source] of layers) put(option, options[option], source);
  return { env, sources };
}

function checkEntry(option: string, name: string, value: unknown): void {
  if (typeof value !== 'string') {
    throw new TypeError(`option '${option}' has a ${typeof value} for '${name}'; values must be strings`);
  }
  if (name === '' || name.includes('=') || name.includes('\0')) {
    throw new TypeError(`option '${option}' has an invalid variable name '${name.replace(/\0/g, '\\0')}'`);
  }
  // The value is never shown: it may be a secret.
  if (value.includes('\0')) throw new TypeError(`option '${option}' has a value for '${name}' containing a NUL character`);
}
