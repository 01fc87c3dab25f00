import type { ContextGuardResult } from '../kubernetes/guard/context-guard.ts';
import type { Risk } from '../model.ts';
import { commandNumber } from './command-number.ts';
import { commandTarget, type CommandTarget } from './command-target.ts';
import { renderPlan } from './render-plan.ts';
import type { PlannedCommand, StepPlan } from './step-plan.ts';
import { printable } from '../text/printable.ts';

export interface ConfirmationCommand {
  /** 1-based, as `--command` takes it. */
  number: number;
  /** First line, shortened. */
  text: string;
  risk: Risk;
  /** Absent for commands that reach no Kubernetes cluster. */
  target?: CommandTarget;
}

/** What a person must see before saying yes, small enough for one screen; renderers decide the layout. */
export interface Confirmation {
  /** One line, e.g. `Run DESTRUCTIVE step "rollback" against prod-eu?`. */
  title: string;
  risk: Risk;
  /** The commands that change things (every command when none does, e.g. a `confirm=true` read). */
  commands: ConfirmationCommand[];
  /** Commands of the run that only read and are not in `commands`. */
  readOnly: number;
  /** True when saying no must be the default answer (`destroy`). */
  safeDefault: boolean;
  /** The whole plan (every command in full, interpreter, values, guard): one step away. */
  details: string;
}

const textWidth = 72;

/**
 * The confirmation for a planned step. `guard`, when the context guard ran,
 * gives each cluster command's context and namespace as it resolved them;
 * without it they are read from the command's own `--context`/`-n` flags,
 * else the plan's target (step attribute, option or kubeconfig).
 */
export function buildConfirmation(plan: StepPlan, guard?: ContextGuardResult): Confirmation {
  const changing = plan.commands.filter((command) => command.risk !== 'read');
  const shown = changing.length > 0 ? changing : plan.commands;
  const commands = shown.map((command) => confirmationCommand(command, plan, guard));
  const contexts = [...new Set(commands.flatMap((command) => (command.target?.context === undefined ? [] : [command.target.context])))];
  const verb = plan.risk === 'destroy' ? 'Run DESTRUCTIVE' : plan.risk === 'mutate' ? 'Run' : 'Run read-only';
  const where = contexts.length === 0 ? '' : ` against ${contexts.map((context) => `"${context}"`).join(', ')}`;
  const guardLines = guard === undefined ? [] : [`Context guard: ${guard.allowed ? 'allows' : 'REFUSES'} — ${guard.reason}`];
  return {
    title: printable(`${verb} step "${plan.stepName ?? plan.stepId}"${where}?`),
    risk: plan.risk,
    commands,
    readOnly: plan.commands.length - shown.length,
    safeDefault: plan.risk === 'destroy',
    details: [renderPlan(plan), ...guardLines].join('\n').split('\n').map(printable).join('\n'),
  };
}

/** A command's first line, shortened to `width` characters, `…` marking what was cut. */
export function commandSummary(text: string, width = textWidth): string {
  const [first = '', ...rest] = text.trim().split('\n');
  const line = printable(first.trim());
  if (line.length > width) return `${line.slice(0, width - 1)}…`;
  return rest.length > 0 ? `${line} …` : line;
}

function confirmationCommand(command: PlannedCommand, plan: StepPlan, guard: ContextGuardResult | undefined): ConfirmationCommand {
  const found = commandTarget(command, plan.target.kubernetes, guard);
  const target = found && {
    ...(found.context === undefined ? {} : { context: printable(found.context) }),
    ...(found.namespace === undefined ? {} : { namespace: printable(found.namespace) }),
  };
  return { number: commandNumber(command.index), text: commandSummary(command.text), risk: command.risk, ...(target === undefined ? {} : { target }) };
}
