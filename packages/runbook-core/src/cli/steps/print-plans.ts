import type { CliContext } from '../command.ts';
import { paint } from '../paint.ts';
import { describePreparedStep } from './describe-step.ts';
import type { CliRunSession } from './run-session.ts';
import { stepLabel } from './select-steps.ts';

/**
 * The dry run: each chosen step's plan (commands, risk, working directory,
 * kube context and namespace, values needed and missing, programs missing),
 * nothing run, nothing asked, nothing written.
 */
export async function printPlans(opened: CliRunSession, context: CliContext): Promise<void> {
  const { session, steps, commands } = opened;
  const prepared = [];
  for (const step of steps) prepared.push(await session.prepare(step, commands));
  const missing = session.missingValues(steps, commands);
  if (opened.flags.format === 'json') {
    const plans = prepared.map(({ step, kind, plan, guard, refusal }) => ({ stepId: step.id, name: step.name, kind, plan, guard, refusal }));
    context.stdout.write(
      `${JSON.stringify({ runbook: session.runbook.path, incident: session.incident?.id ?? null, steps: plans, missingValues: missing }, null, 2)}\n`,
    );
    return;
  }
  const c = paint(context.color);
  const blocks = prepared.map((entry) => {
    const refused = entry.refusal === undefined ? '' : `\n${c.yellow(`Would be refused: ${entry.refusal.reason}`)}`;
    return `${c.bold(`── ${stepLabel(entry.step)} `)}\n${describePreparedStep(entry, session.values)}${refused}\n`;
  });
  context.stdout.write(blocks.join('\n'));
  if (missing.length > 0) {
    context.stdout.write(`\n${c.yellow('Values nobody gives yet')} (a run asks on a terminal, or pass --var NAME=…):\n`);
    for (const value of missing) context.stdout.write(`  ${value.name}${value.secret ? ' (secret)' : ''}, read by ${value.readBy.join(', ')}\n`);
  }
  context.stdout.write(c.dim(`\nDry run: nothing was run${session.incident ? ` or recorded in ${session.incident.id}` : ''}.\n`));
}
