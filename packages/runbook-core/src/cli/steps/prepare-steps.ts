import type { ContextGuardResult } from '../../kubernetes/guard/context-guard.ts';
import type { Step } from '../../model.ts';
import { planStep, type CommandSelector, type PlanStepOptions, type StepPlan } from '../../run/index.ts';
import type { LoadedRunbook } from '../load-runbook.ts';
import { stepKind, type StepKind } from './select-steps.ts';
import type { StepValues } from './step-values.ts';

/** A chosen step with everything decided before anything runs. */
export interface PreparedStep {
  step: Step;
  kind: StepKind;
  /** `--command` selectors; absent: the whole block. */
  commands?: CommandSelector[];
  plan: StepPlan;
  /** The Kubernetes context guard's verdict, for steps that reach a cluster. */
  guard?: ContextGuardResult;
}

export interface PrepareOptions {
  loaded: LoadedRunbook;
  values: StepValues;
  env: NodeJS.ProcessEnv;
  /** `--context`: the context accepted for this run instead of the declared one. */
  contextOverride?: string;
  commands?: CommandSelector[];
}

/** Options every `planStep`/`runStep` call of the CLI shares: the runbook's defaults and the values. */
export function stepOptions(loaded: LoadedRunbook, values: StepValues, env: NodeJS.ProcessEnv): PlanStepOptions {
  const { meta } = loaded.runbook;
  return {
    runbookDir: loaded.dir,
    ...(meta.cwd === undefined ? {} : { cwd: meta.cwd }),
    ...(meta.shell === undefined ? {} : { shell: meta.shell }),
    env,
    extendEnv: false,
    variables: values.variables(),
    exported: values.exported(),
    incident: values.incident(),
  };
}

export async function prepareStep(step: Step, options: PrepareOptions): Promise<PreparedStep> {
  const base = stepOptions(options.loaded, options.values, options.env);
  const plan = planStep(step, { ...base, ...(options.commands === undefined ? {} : { commands: options.commands }) });
  const kind = stepKind(step);
  const prepared: PreparedStep = { step, kind, plan, ...(options.commands === undefined ? {} : { commands: options.commands }) };
  if (kind !== 'local' || mentionsClusterClient(step.code)) {
    // The guard (and its kubeconfig reader) loads only for steps that may reach a cluster.
    const { checkStepContext } = await import('../../kubernetes/guard/context-guard.ts');
    const env: NodeJS.ProcessEnv = { ...options.env, ...base.variables, ...base.exported, ...base.incident };
    prepared.guard = await checkStepContext(selectedPart(step, plan), {
      meta: options.loaded.runbook.meta,
      env,
      cwd: plan.target.cwd,
      ...(options.contextOverride === undefined ? {} : { override: options.contextOverride }),
    });
  }
  return prepared;
}

function mentionsClusterClient(code: string): boolean {
  return /(?:^|[^\w.-])(?:kubectl|helm|oc)(?![\w.-])/m.test(code);
}

// With `--command`, only the chosen commands' targets matter.
function selectedPart(step: Step, plan: StepPlan): Step {
  if (!plan.selected) return step;
  const chosen = new Set(plan.commands.map((command) => command.index));
  return { ...step, commands: step.commands.filter((command) => chosen.has(command.index)), code: plan.code };
}
