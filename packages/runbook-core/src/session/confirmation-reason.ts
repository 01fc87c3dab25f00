import type { PreparedStep } from './prepare-step.ts';
import { stepLabel } from './step-kind.ts';

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
