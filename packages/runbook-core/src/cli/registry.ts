import type { CliCommand } from './command.ts';

/**
 * Commands by name, loaded only when used so `runbook --version` stays fast.
 * Add one line per command; its module default-exports a CliCommand.
 */
export const commands: Record<string, { summary: string; load: () => Promise<{ default: CliCommand }> }> = {
  list: { summary: 'show the sections, steps, commands and risk, checklists of runbooks', load: () => import('./commands/list.ts') },
  lint: { summary: 'check runbooks for what breaks them during an incident (text, json, sarif, github)', load: () => import('./commands/lint.ts') },
  k8s: { summary: 'Kubernetes health report of a namespace, and the current kube context', load: () => import('./commands/k8s.ts') },
};
