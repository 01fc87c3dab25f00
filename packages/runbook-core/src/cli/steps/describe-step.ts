import { renderPlan } from '../../run/index.ts';
import type { PreparedStep } from './prepare-steps.ts';
import { stepLabel } from './select-steps.ts';
import type { StepValues } from './step-values.ts';

/**
 * The plan as a person reads it before saying yes, or in a dry run: what runs,
 * how risky, where (working directory, kube context and namespace per the
 * guard), and with which values (secrets masked).
 */
export function describePreparedStep(prepared: PreparedStep, values: StepValues): string {
  const lines = [renderPlan(prepared.plan)];
  if (prepared.kind !== 'local') lines.push(`Runs as: ${prepared.kind === 'job' ? 'a Kubernetes Job in the cluster' : 'the native Kubernetes health check'}`);
  const guard = prepared.guard;
  if (guard) {
    const targets = [...new Set(guard.targets.map((target) => `${target.context ?? '(unknown context)'}/${target.namespace ?? 'default'}`))];
    if (targets.length > 0) lines.push(`Cluster targets (context/namespace): ${targets.join(', ')}`);
    lines.push(`Context guard: ${guard.allowed ? 'allows' : 'REFUSES'} — ${guard.reason}`);
  }
  const shown = prepared.plan.variables.needed.flatMap((name) => {
    const value = values.valueOf(name);
    if (value === undefined) return [];
    return [`${name}=${values.isSecret(name) ? '***' : oneLine(value)}`];
  });
  if (shown.length > 0) lines.push(`Values: ${shown.join(', ')}`);
  return lines.join('\n');
}

/** Why a step needs a yes before it runs; undefined when it does not. */
export function confirmationReason(prepared: PreparedStep): string | undefined {
  const { plan } = prepared;
  if (plan.confirmation === 'step-asks') return `step '${stepLabel(prepared.step)}' asks for confirmation (confirm=true)`;
  if (plan.confirmation === 'risk') {
    const worst = plan.commands.find((command) => command.risk === plan.risk);
    const because = worst?.riskReason ?? oneLine(worst?.text ?? '');
    return `step '${stepLabel(prepared.step)}' ${plan.risk === 'destroy' ? 'destroys' : 'changes'} things${because ? ` (${because})` : ''}`;
  }
  return undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
