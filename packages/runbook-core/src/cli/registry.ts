import type { CliCommand } from './command.ts';

/**
 * Commands by name, loaded only when used so `runbook --version` stays fast.
 * Add one line per command; its module default-exports a CliCommand.
 */
export const commands: Record<string, { summary: string; load: () => Promise<{ default: CliCommand }> }> = {
  list: { summary: 'show the sections, steps, commands and risk, checklists of runbooks', load: () => import('./commands/list.ts') },
  run: { summary: 'run steps of a runbook in the current incident, safely (values, confirmation, context guard)', load: () => import('./commands/run.ts') },
  plan: { summary: 'show what run would do: commands, risk, values, kube context; runs nothing', load: () => import('./commands/plan.ts') },
  incident: {
    summary: 'start, follow and resolve an incident: status, notes, severity, timeline, monthly report',
    load: () => import('./commands/incident.ts'),
  },
  check: { summary: 'tick (or untick) a checklist item for the current incident; --write sets the box in the file', load: () => import('./commands/check.ts') },
  render: { summary: "fill a template (the status update) with the incident's values", load: () => import('./commands/render.ts') },
  lint: { summary: 'check runbooks for what breaks them during an incident (text, json, sarif, github)', load: () => import('./commands/lint.ts') },
  approve: { summary: "approve another responder's request to run a step (two-person rule)", load: () => import('./commands/approve.ts') },
  deny: { summary: "deny another responder's request to run a step, with a reason", load: () => import('./commands/deny.ts') },
  k8s: { summary: 'Kubernetes health report of a namespace, and the current kube context', load: () => import('./commands/k8s.ts') },
};
