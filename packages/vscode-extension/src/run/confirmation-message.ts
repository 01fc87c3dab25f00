import type { Confirmation } from 'runbook-core';

/** Detail lines a modal may take and still fit a small window (title and buttons on screen). */
export const modalDetailLines = 12;

export interface ConfirmationMessage {
  /** The modal's message: one line. */
  message: string;
  /** The modal's detail: the changing commands, their risk and target, at most `modalDetailLines` lines. */
  detail: string;
  /** The button that runs. */
  run: string;
  /** Buttons that do not run, in order; the first is the default (Enter) when `safeDefault`. */
  safe: string[];
  /** Enter must not run: the first button is a safe one. */
  safeDefault: boolean;
}

/** Opens the whole plan beside the modal, then asks again. */
export const SHOW_PLAN = 'Show full plan';
export const DONT_RUN = "Don't run";

/**
 * The confirmation laid out for VS Code's modal: a short message, a detail of
 * one line per changing command (`[5] destroy  kubectl rollout undo … → prod/ns`)
 * and the buttons. A modal's default button is its first item, and the
 * close affordance (Esc, the built-in Cancel) can never be it, so for a
 * destructive step the first item is a safe "Don't run".
 */
export function confirmationMessage(confirmation: Confirmation): ConfirmationMessage {
  const targets = [...new Set(confirmation.commands.flatMap((command) => (command.target === undefined ? [] : [targetText(command.target)])))];
  const shared = targets.length === 1 ? targets[0] : undefined;
  const lines: string[] = [];
  if (shared !== undefined) lines.push(`Cluster commands run in ${shared}.`);
  const room = modalDetailLines - lines.length - (confirmation.readOnly > 0 ? 1 : 0);
  const listed = confirmation.commands.length > room ? confirmation.commands.slice(0, room - 1) : confirmation.commands;
  for (const command of listed) {
    const where = shared !== undefined || command.target === undefined ? '' : `  → ${targetText(command.target)}`;
    lines.push(`[${command.number}] ${command.risk}  ${command.text}${where}`);
  }
  if (listed.length < confirmation.commands.length) lines.push(`… and ${confirmation.commands.length - listed.length} more (${SHOW_PLAN})`);
  if (confirmation.readOnly > 0) lines.push(`Also ${confirmation.readOnly} command${confirmation.readOnly === 1 ? '' : 's'} that only read.`);
  const run = confirmation.risk === 'destroy' ? 'Run DESTRUCTIVE step' : 'Run';
  return {
    message: confirmation.title,
    detail: lines.join('\n'),
    run,
    safe: confirmation.safeDefault ? [DONT_RUN, SHOW_PLAN] : [SHOW_PLAN],
    safeDefault: confirmation.safeDefault,
  };
}

function targetText(target: { context?: string; namespace?: string }): string {
  const context = target.context ?? '(unknown context)';
  if (target.namespace === undefined) return context;
  return `${context}/${target.namespace === '*' ? '(all namespaces)' : target.namespace}`;
}
