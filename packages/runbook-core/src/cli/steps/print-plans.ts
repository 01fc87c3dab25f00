import type { CliContext } from '../command.ts';
import { paint } from '../paint.ts';
import { describePreparedStep } from './describe-step.ts';
import { prepare, missingValues, type RunSession } from './run-session.ts';
import { stepLabel } from './select-steps.ts';

/**
 * The dry run: each chosen step's plan (commands, risk, working directory,
 * kube context and namespace, values needed and missing, programs missing),
 * nothing run, nothing asked, nothing written.
 */
export async function printPlans(session: RunSession, context: CliContext): Promise<void> {
  const prepared = [];
  for (const step of session.steps) prepared.push(await prepare(session, step));
  const missing = missingValues(session);
  if (session.flags.format === 'json') {
    const plans = prepared.map(({ step, kind, plan, guard }) => ({ stepId: step.id, name: step.name, kind, plan, guard }));
    context.stdout.write(
      `${JSON.stringify({ runbook: session.loaded.runbook.path, incident: session.incident?.id ?? null, steps: plans, missingValues: missing }, null, 2)}\n`,
    );
    return;
  }
  const c = paint(context.color);
  const blocks = prepared.map((entry) => `${c.bold(`── ${stepLabel(entry.step)} `)}\n${describePreparedStep(entry, session.values)}\n`);
  context.stdout.write(blocks.join('\n'));
  if (missing.length > 0) {
    context.stdout.write(`\n${c.yellow('Values nobody gives yet')} (a run asks on a terminal, or pass --var NAME=…):\n`);
    for (const value of missing) context.stdout.write(`  ${value.name}${value.secret ? ' (secret)' : ''}, read by ${value.readBy.join(', ')}\n`);
  }
  context.stdout.write(c.dim(`\nDry run: nothing was run${session.incident ? ` or recorded in ${session.incident.id}` : ''}.\n`));
}
