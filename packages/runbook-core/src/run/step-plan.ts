import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Position, Risk, ShellCommand, Step } from '../model.ts';
import { findProgram } from './find-program.ts';
import { optional } from './optional-field.ts';
import { kubernetesPrograms, kubernetesTarget, type KubernetesTarget } from './kube-target.ts';
import { unsafeInterpreterReason } from './interpreter-safety.ts';
import { languageFamily, resolveInterpreter, type Interpreter } from './resolve-interpreter.ts';
import type { PlanStepOptions } from './run-step-options.ts';
import { commandNumber } from './command-number.ts';
import { selectCommands } from './select-commands.ts';
import { shellBuiltins } from './shell-builtins.ts';
import { buildStepEnvironment, type ValueSource } from './step-environment.ts';

export interface PlannedCommand {
  /** 0-based, as `runStep`'s `commands` option takes it. */
  index: number;
  /** 1-based, as people see and type it (`--command 5`). */
  number: number;
  text: string;
  heading?: string;
  risk: Risk;
  riskReason?: string;
  programs: string[];
  position: Position;
}

/** What `runStep` would do, as data: the dry run. */
export interface StepPlan {
  stepId: string;
  stepName?: string;
  lang: string;
  /** `undefined` when the step cannot run (see `problems`). */
  interpreter?: Interpreter & { path?: string };
  /** A subset of the block's commands was chosen. */
  selected: boolean;
  /** The commands that would run (all of the block's when none were chosen). */
  commands: PlannedCommand[];
  /** The code the interpreter would read. */
  code: string;
  /** Worst risk of `commands` (the step's risk when it has none). */
  risk: Risk;
  /** Why `runStep` would ask first (before `yes` is considered); absent when it would not. */
  confirmation?: 'risk' | 'step-asks';
  /**
   * Why the interpreter itself counts as `destroy`: a `shell`/`interpreter`
   * attribute or frontmatter `shell` that is not a known interpreter with
   * harmless flags, or one that runs the code as another language than the
   * block's. Such a step always asks, whatever its `confirm` says.
   */
  unsafeInterpreter?: string;
  errexit: boolean;
  timeoutMs?: number;
  variables: {
    /** Read by the code and not assigned by it. */
    needed: string[];
    provided: string[];
    missing: string[];
    /** Where each provided value comes from. */
    sources: Record<string, ValueSource>;
  };
  /** Programs the commands run, with where they were found. */
  programs: Array<{ name: string; path?: string }>;
  /** Programs not found on `PATH`. */
  missingPrograms: string[];
  target: { cwd: string; kubernetes?: KubernetesTarget };
  /** Why the step cannot run as planned. */
  problems: PlanProblem[];
}

export interface PlanProblem {
  /**
   * `runStep` does not start a step with `no-interpreter` or
   * `no-working-directory`; `unsafe-interpreter` only makes it `destroy`
   * (see `StepPlan.unsafeInterpreter`).
   */
  code: 'no-interpreter' | 'interpreter-not-found' | 'no-working-directory' | 'unsafe-interpreter';
  message: string;
}

/**
 * The plan of a run without running anything. Throws only on misuse of the
 * options (e.g. a `commands` selector that matches nothing).
 */
export function planStep(step: Step, options: PlanStepOptions = {}): StepPlan {
  return planWithEnvironment(step, options).plan;
}

/** The plan and the environment it was made with (which `runStep` then runs with). */
export function planWithEnvironment(step: Step, options: PlanStepOptions): { plan: StepPlan; env: Record<string, string> } {
  const chosen = options.commands === undefined ? undefined : selectCommands(step, options.commands);
  const commands = (chosen ?? step.commands).map(plannedCommand);
  const code = chosen === undefined ? step.code : `${chosen.map((command) => command.text).join('\n')}\n`;
  const { env, sources } = buildStepEnvironment(options);
  const cwd = workingDirectory(step, options);
  const problems: PlanProblem[] = [];
  const interpreter = resolveInterpreter(step, options.shell);
  const interpreterPath = interpreter && findProgram(interpreter.program, env, cwd);
  if (!interpreter) {
    const message = `no interpreter for language "${step.lang}": set the step's interpreter attribute (e.g. {interpreter=python3})`;
    problems.push({ code: 'no-interpreter', message });
  } else if (!interpreterPath) {
    problems.push({ code: 'interpreter-not-found', message: `interpreter "${interpreter.program}" is not installed or not on PATH` });
  }
  if (!isDirectory(cwd)) problems.push({ code: 'no-working-directory', message: `working directory does not exist: ${cwd}` });
  const unsafeInterpreter = interpreter && interpreterRisk(step, interpreter, options.shell);
  if (unsafeInterpreter) problems.push({ code: 'unsafe-interpreter', message: `${unsafeInterpreter}; the step counts as destroy` });
  const commandsRisk = chosen === undefined || commands.length === 0 ? step.risk : worstRisk(commands.map((command) => command.risk));
  const risk = unsafeInterpreter ? 'destroy' : commandsRisk;
  const confirmation: StepPlan['confirmation'] = unsafeInterpreter
    ? 'risk'
    : step.options.confirm === true
      ? 'step-asks'
      : step.options.confirm !== false && risk !== 'read'
        ? 'risk'
        : undefined;
  const needed = neededVariables(step, chosen === undefined ? undefined : code);
  const provided = needed.filter((name) => env[name] !== undefined);
  const programs = [...new Set(commands.flatMap((command) => command.programs))]
    .filter((name) => !shellBuiltins.has(name))
    .map((name) => ({ name, ...optional('path', findProgram(name, env, cwd)) }));
  const usesKubernetes = programs.some((program) => kubernetesPrograms.has(program.name));
  const timeoutMs = step.options.timeoutMs;
  const plan: StepPlan = {
    stepId: step.id,
    ...optional('stepName', step.name),
    lang: step.lang,
    ...optional('interpreter', interpreter && { ...interpreter, ...optional('path', interpreterPath) }),
    selected: chosen !== undefined,
    commands,
    code,
    risk,
    ...optional('confirmation', confirmation),
    ...optional('unsafeInterpreter', unsafeInterpreter),
    errexit: errexitFor(step, options),
    ...optional('timeoutMs', timeoutMs),
    variables: {
      needed,
      provided,
      missing: needed.filter((name) => env[name] === undefined),
      sources: Object.fromEntries(provided.map((name) => [name, sources.get(name) ?? 'environment'])),
    },
    programs,
    missingPrograms: programs.filter((program) => program.path === undefined).map((program) => program.name),
    target: { cwd, ...(usesKubernetes && { kubernetes: kubernetesTarget(step.options, options, env) }) },
    problems,
  };
  return { plan, env };
}

/** Why the chosen interpreter makes the step `destroy`, if it does. */
function interpreterRisk(step: Step, interpreter: Interpreter, runbookShell: string | undefined): string | undefined {
  const written =
    interpreter.source === 'interpreter-attribute'
      ? ['interpreter attribute', step.options.interpreter]
      : interpreter.source === 'shell-attribute'
        ? ['shell attribute', step.options.shell]
        : interpreter.source === 'runbook-default'
          ? ['frontmatter shell', runbookShell]
          : undefined;
  const reason = written && unsafeInterpreterReason(written[1] ?? '', written[0] ?? '');
  if (reason) return reason;
  const family = languageFamily(step.lang);
  if (family !== interpreter.family || (family === 'shell' && !step.isShell)) {
    return `the block is "${step.lang}" but ${interpreter.program} runs it: its code was not analysed as what runs`;
  }
  return undefined;
}

/** The step's `cwd` attribute, else the runbook's default, relative to the runbook; `~/` is the home directory. */
export function workingDirectory(step: Step, options: PlanStepOptions): string {
  const runbookDir = resolve(options.runbookDir ?? process.cwd());
  const relative = step.options.cwd ?? options.cwd;
  if (relative === undefined || relative === '') return runbookDir;
  const expanded = relative === '~' || relative.startsWith('~/') ? homedir() + relative.slice(1) : relative;
  return resolve(runbookDir, expanded);
}

/** The step's `errexit` attribute (`true`/`false`), else the option, else off. */
export function errexitFor(step: Step, options: PlanStepOptions): boolean {
  const attribute = step.attributes.errexit?.trim().toLowerCase();
  if (attribute === 'true' || attribute === '') return true;
  if (attribute === 'false') return false;
  return options.errexit === true;
}

const riskOrder: readonly Risk[] = ['read', 'mutate', 'destroy'];

export function worstRisk(risks: readonly Risk[]): Risk {
  return risks.reduce<Risk>((worst, risk) => (riskOrder.indexOf(risk) > riskOrder.indexOf(worst) ? risk : worst), 'read');
}

/** Variables the shell sets itself; a step never needs them from outside. */
const shellVariables = new Set(
  (
    'BASH BASHOPTS BASHPID BASH_ARGC BASH_ARGV BASH_COMMAND BASH_LINENO BASH_REMATCH BASH_SOURCE BASH_SUBSHELL ' +
    'BASH_VERSINFO BASH_VERSION COLUMNS EPOCHREALTIME EPOCHSECONDS EUID FUNCNAME GROUPS HISTCMD HOSTNAME HOSTTYPE ' +
    'IFS LINENO LINES MACHTYPE OLDPWD OPTARG OPTIND OSTYPE PIPESTATUS PPID PWD RANDOM REPLY SECONDS SHELLOPTS ' +
    'SHLVL SRANDOM UID'
  ).split(' '),
);

function neededVariables(step: Step, selectedCode: string | undefined): string[] {
  const assigned = new Set(step.writes);
  return step.reads.filter(
    (name) => !assigned.has(name) && !shellVariables.has(name) && !/^[0-9]+$/.test(name) && (selectedCode === undefined || readsVariable(selectedCode, name)),
  );
}

function readsVariable(code: string, name: string): boolean {
  return new RegExp(`\\$\\{?[#!]?${name}(?![A-Za-z0-9_])`).test(code);
}

function plannedCommand(command: ShellCommand): PlannedCommand {
  return {
    index: command.index,
    number: commandNumber(command.index),
    text: command.text,
    ...optional('heading', command.heading),
    risk: command.risk,
    ...optional('riskReason', command.riskReason),
    programs: command.programs,
    position: command.position,
  };
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
