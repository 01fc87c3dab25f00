import { commandNumber } from './command-number.ts';
import { commandTarget, describeTarget } from './command-target.ts';
import type { StepPlan } from './step-plan.ts';

/**
 * A plan as a person reads it before saying yes: what runs, how risky, where.
 * Commands carry their 1-based number (what `--command` takes) and, for
 * cluster commands, the context/namespace they really reach.
 */
export function renderPlan(plan: StepPlan): string {
  const lines = [`Step ${plan.stepName ? `"${plan.stepName}"` : plan.stepId} — risk: ${plan.risk}`];
  const interpreter = plan.interpreter ? [plan.interpreter.program, ...plan.interpreter.args].join(' ') : '(none)';
  lines.push(`Interpreter: ${interpreter}${plan.errexit ? ' (stops at the first failing command)' : ''}`);
  lines.push(`Working directory: ${plan.target.cwd}`);
  const kubernetes = plan.target.kubernetes;
  if (kubernetes) {
    const context = kubernetes.context ?? '(unknown)';
    const from = kubernetes.source === 'unknown' ? '' : ` (from ${kubernetes.source})`;
    lines.push(`Kubernetes context: ${context}${from}; a command without -n uses namespace ${kubernetes.namespace ?? 'default'}`);
    if (kubernetes.kubeconfigContext) {
      lines.push(`  Note: the kubeconfig's current context is ${kubernetes.kubeconfigContext}; kubectl without --context uses it.`);
    }
  }
  if (plan.commands.length > 0) {
    lines.push(plan.selected ? 'Selected commands:' : 'Commands:');
    for (const command of plan.commands) {
      const heading = command.heading ? ` — ${command.heading.replace(/\n/g, ' / ')}` : '';
      const reason = command.riskReason ? `: ${command.riskReason}` : '';
      const target = commandTarget(command, kubernetes);
      const where = target === undefined ? '' : ` → ${describeTarget(target)}`;
      lines.push(`  [${commandNumber(command.index)}] ${command.risk}${reason}${where}${heading}`);
      lines.push(...command.text.split('\n').map((line) => `      ${line}`));
    }
  } else {
    lines.push(
      'Code:',
      ...plan.code
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => `      ${line}`),
    );
  }
  if (plan.variables.missing.length > 0) lines.push(`Variables not set: ${plan.variables.missing.join(', ')}`);
  if (plan.missingPrograms.length > 0) lines.push(`Programs not found on PATH: ${plan.missingPrograms.join(', ')}`);
  for (const problem of plan.problems) lines.push(`Problem: ${problem.message}`);
  return lines.join('\n');
}
