import type { Runbook, Step } from '../../model.ts';
import { resolveInterpreter } from '../../run/resolve-interpreter.ts';
import { UsageError } from '../command.ts';
import { closestMatch } from '../did-you-mean.ts';

/** How a step runs: a local script, the native Kubernetes health check, or a Job in the cluster. */
export type StepKind = 'local' | 'k8s-health' | 'job';

export function stepKind(step: Step): StepKind {
  if (step.lang === 'k8s-health') return 'k8s-health';
  return step.options.runsOn === 'job' ? 'job' : 'local';
}

/** Steps the runner can run: an interpreter is known (or the cluster runs it) and `skip` is not set. */
export function runnableSteps(runbook: Runbook): Step[] {
  return runbook.steps.filter(
    (step) => step.options.skip !== true && (stepKind(step) !== 'local' || resolveInterpreter(step, runbook.meta.shell) !== undefined),
  );
}

/** The name people use for a step: its `name`, else its id. */
export function stepLabel(step: Step): string {
  return step.name ?? step.id;
}

export interface StepChoice {
  /** `--step` values, in order. */
  wanted: readonly string[];
  /** `--all`: every runnable step, risky ones included (each still confirmed). */
  all: boolean;
  /** A dry run may show every step: nothing runs. */
  dryRun: boolean;
}

/**
 * The steps to run, in the order asked. Without `--step`: every runnable step
 * when all of them only read (or `--all`, or a dry run); otherwise a usage
 * error, because running a whole incident runbook, mitigations included, is
 * never what a bare `runbook run` should do.
 */
export function selectSteps(runbook: Runbook, choice: StepChoice): Step[] {
  const runnable = runnableSteps(runbook);
  if (choice.wanted.length > 0) {
    if (choice.all) throw new UsageError('use either --step or --all, not both');
    const chosen: Step[] = [];
    for (const wanted of choice.wanted) {
      const step = findStep(runbook, wanted);
      if (!runnable.includes(step)) throw new UsageError(`step '${wanted}' cannot run: ${whyNotRunnable(step)}`);
      if (!chosen.includes(step)) chosen.push(step);
    }
    return chosen;
  }
  if (runnable.length === 0) throw new UsageError(`${runbook.path ?? 'the runbook'} has no step that can run`);
  const risky = runnable.filter((step) => step.risk !== 'read' || step.options.confirm === true);
  if (choice.all || choice.dryRun || risky.length === 0) return runnable;
  throw new UsageError(
    `${runbook.path ?? 'the runbook'} has steps that change things (${risky.map(stepLabel).join(', ')}); ` +
      `choose with --step <id|name> (repeatable), or pass --all to run every step in order, each risky one confirmed.\n` +
      `Steps:\n${describeSteps(runnable)}`,
  );
}

/**
 * A step by id, name (case ignored), the hash part of its id, or the slug of
 * the section holding it when that section has one step. None or several:
 * a usage error listing the steps.
 */
export function findStep(runbook: Runbook, wanted: string): Step {
  const lower = wanted.trim().toLowerCase();
  const matchers: Array<(step: Step) => boolean> = [
    (step) => step.id === wanted,
    (step) => step.name?.toLowerCase() === lower,
    (step) => step.id.slice(step.id.lastIndexOf('/') + 1) === lower,
    (step) => step.section === lower,
  ];
  for (const matches of matchers) {
    const found = runbook.steps.filter(matches);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw new UsageError(`step '${wanted}' is ambiguous; it matches:\n${describeSteps(found)}`);
  }
  const near = closestMatch(
    wanted,
    runnableSteps(runbook).flatMap((step) => [step.id, ...(step.name === undefined ? [] : [step.name])]),
  );
  const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
  throw new UsageError(`no step '${wanted}' in ${runbook.path ?? 'the runbook'}${hint}. Known steps:\n${describeSteps(runnableSteps(runbook))}`);
}

function describeSteps(steps: readonly Step[]): string {
  if (steps.length === 0) return '  (none)';
  return steps
    .map(
      (step) =>
        `  ${stepLabel(step)}  (${step.risk}, ${step.lang || 'no language'}, line ${step.position.start.line}${step.name !== undefined && step.name !== step.id ? `, id ${step.id}` : ''})`,
    )
    .join('\n');
}

function whyNotRunnable(step: Step): string {
  if (step.options.skip === true) return 'it is marked skip=true';
  return `no interpreter for language '${step.lang}' (set an interpreter attribute, e.g. {interpreter=python3})`;
}
