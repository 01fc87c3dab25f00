import type { ContextGuardResult } from '../../kubernetes/guard/context-guard.ts';
import type { Risk } from '../../model.ts';
import { findAlternatives, riskyCommandCount, type AlternativesClues } from '../../run/alternatives.ts';
import { commandNumberList } from '../../run/command-number.ts';
import { commandTarget, describeTarget } from '../../run/command-target.ts';
import { printable } from '../../text/printable.ts';
import { renderPlan, type Confirmation } from '../../run/index.ts';
import type { paint } from '../paint.ts';
import type { PreparedStep } from './prepare-steps.ts';
import type { StepValues } from './step-values.ts';

type Paint = ReturnType<typeof paint>;

/**
 * The plan in full, as `runbook plan` prints it and a confirmation's details
 * show it: what runs (each command with the number `--command` takes), how
 * risky, where (working directory, kube context and namespace per command and
 * per the guard), with which values (secrets masked), and, for a block of
 * alternatives, how to run one.
 */
export function describePreparedStep(prepared: PreparedStep, values: StepValues, clues?: AlternativesClues): string {
  const lines = [renderPlan(prepared.plan)];
  if (prepared.kind !== 'local') lines.push(`Runs as: ${prepared.kind === 'job' ? 'a Kubernetes Job in the cluster' : 'the native Kubernetes health check'}`);
  const guard = prepared.guard;
  if (guard) {
    const targets = [
      ...new Set(
        prepared.plan.commands.flatMap((command) => {
          const target = commandTarget(command, prepared.plan.target.kubernetes, guard);
          return target === undefined ? [] : [describeTarget(target)];
        }),
      ),
    ];
    if (targets.length > 0) lines.push(`Cluster targets (context/namespace): ${targets.join(', ')}`);
    lines.push(`Context guard: ${guard.allowed ? 'allows' : 'REFUSES'} — ${guard.reason}`);
    const hint = contextRefusalHint(guard);
    if (!guard.allowed && hint !== undefined) lines.push(`  ${hint}`);
  }
  if (!prepared.plan.selected) {
    const alternatives = findAlternatives(prepared.step, clues);
    if (alternatives.length > 0) {
      lines.push(`This block offers ${alternatives.length} alternatives; a run asks which one (or --command <n>):`);
      const choices = alternatives.map((alternative) => `--command ${commandNumberList(alternative.commands)}`);
      const width = Math.max(...choices.map((choice) => choice.length), '--command all'.length);
      alternatives.forEach((alternative, position) => {
        lines.push(`  ${choices[position]?.padEnd(width)}  ${alternative.risk.padEnd(7)} ${alternative.label.replace(/\s*\n\s*/g, ' / ')}`);
      });
      lines.push(`  ${'--command all'.padEnd(width)}  runs every one: ${riskyCommandCount(prepared.step, alternatives)} commands that change things`);
    }
  }
  const shown = valuesLine(prepared, values);
  if (shown !== undefined) lines.push(shown);
  return lines.join('\n');
}

/** `Values: NAME=value, TOKEN=***`: what the chosen commands read, secrets masked, cut at `width`; undefined when none. */
export function valuesLine(prepared: Pick<PreparedStep, 'plan'>, values: Pick<StepValues, 'shown'>, width = Number.POSITIVE_INFINITY): string | undefined {
  const shown = prepared.plan.variables.needed.flatMap((name) => {
    // `***` for a secret; a URL's password masked inside a plain value (DATABASE_URL).
    const value = values.shown(name);
    return value === undefined ? [] : [`${name}=${oneLine(value)}`];
  });
  return shown.length > 0 ? fit(printable(`Values: ${shown.join(', ')}`), width) : undefined;
}

/** Lines a confirmation may take on a terminal, question included: one 80×24 screen. */
export const confirmationHeight = 24;
export const confirmationWidth = 80;

/**
 * A confirmation for the terminal, question included, within one 80×24
 * screen: the title, each command that changes something with its number,
 * risk and the context/namespace it really reaches, and the question, which
 * repeats how many commands, how destructive and where, and whose default is
 * no. The whole plan is one answer away (`d`).
 */
export function renderConfirmation(confirmation: Confirmation, c: Paint, extra: readonly string[] = []): { summary: string; question: string } {
  const lines = [c.bold(c.risk(confirmation.risk, fit(confirmation.title, confirmationWidth)))];
  const clusterTargets = [...new Set(confirmation.commands.flatMap((command) => (command.target === undefined ? [] : [describeTarget(command.target)])))];
  const shared = clusterTargets.length === 1 ? clusterTargets[0] : undefined;
  const changing = confirmation.commands.filter((command) => command.risk !== 'read').length;
  const destroying = confirmation.commands.filter((command) => command.risk === 'destroy').length;
  const what = changing > 0 ? `${changing} command${changing === 1 ? '' : 's'} that change${changing === 1 ? 's' : ''} things` : 'Commands';
  const readOnly = confirmation.readOnly > 0 ? `, and ${confirmation.readOnly} that only read` : '';
  lines.push(`${what}${readOnly}${shared === undefined ? '' : `; the cluster ones in ${shared}`}:`);
  // Title, header, "… more", extra lines (values) and the question: the rest is for commands.
  const room = confirmationHeight - 4 - extra.length;
  const listed = confirmation.commands.length > room ? confirmation.commands.slice(0, room - 1) : confirmation.commands;
  for (const command of listed) {
    const prefix = `  [${command.number}] ${command.risk.padEnd(7)} `;
    const where = command.target === undefined || shared !== undefined ? '' : `  → ${describeTarget(command.target)}`;
    const text = fit(command.text, Math.max(24, confirmationWidth - prefix.length - where.length));
    lines.push(`  [${command.number}] ${riskColumn(command.risk, c)} ${text}${c.dim(where)}`);
  }
  if (listed.length < confirmation.commands.length) lines.push(c.dim(`  … and ${confirmation.commands.length - listed.length} more (d shows them)`));
  lines.push(...extra);
  const count = `${confirmation.commands.length} command${confirmation.commands.length === 1 ? '' : 's'}`;
  const how = destroying > 0 ? ` (${destroying} destructive)` : '';
  const where = shared !== undefined ? ` in ${shared}` : clusterTargets.length > 1 ? ` in ${clusterTargets.length} context/namespaces` : '';
  const question = `Run ${count}${how}${where}? [y/N, d = details] `;
  return { summary: lines.join('\n'), question };
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Where `askConfirmation` reads and writes: a line reader and the prompt stream. */
export interface ConfirmationTerminal {
  ask(question: string): Promise<string>;
  write(text: string): void;
}

/**
 * Asks on the terminal: only `y`/`yes` is yes, an empty answer is no, `d` or
 * `?` prints the whole plan and asks again. Ctrl-C is the caller's (the
 * reader rejects, and the run ends as interrupted).
 */
export async function askConfirmation(terminal: ConfirmationTerminal, confirmation: Confirmation, c: Paint, extra: readonly string[] = []): Promise<boolean> {
  const { summary, question } = renderConfirmation(confirmation, c, extra);
  terminal.write(`\n${summary}\n`);
  for (;;) {
    const answer = (await terminal.ask(question)).trim().toLowerCase();
    if (answer === 'd' || answer === '?' || answer === 'details') {
      terminal.write(`\n${confirmation.details}\n\n${summary}\n`);
      continue;
    }
    return answer === 'y' || answer === 'yes';
  }
}

/**
 * What to do about a guard's refusal, the fix first and the override last:
 * the guard's own hint when it gives one, else: switch the kubeconfig to the
 * declared context (or give the namespace); only then, to aim at the other
 * cluster on purpose, `--context`. The session's refusals use this wording.
 */
export function contextRefusalHint(
  guard: Pick<ContextGuardResult, 'code' | 'expected' | 'actual' | 'expectedNamespace'> & { hint?: string },
): string | undefined {
  if (guard.hint !== undefined) return guard.hint;
  if (guard.code === 'context-mismatch' && guard.expected !== undefined) {
    const override = guard.actual === undefined ? '' : `; only to run it against '${guard.actual}' on purpose, pass --context ${guard.actual}`;
    return `run \`kubectl config use-context ${guard.expected}\` (or give the command --context ${guard.expected}), then the step again${override}`;
  }
  if (guard.code === 'namespace-mismatch') {
    const namespace = guard.expectedNamespace ?? '<namespace>';
    return `add \`-n ${namespace}\` to the command, or run \`kubectl config set-context --current --namespace ${namespace}\``;
  }
  return undefined;
}

/** The risk words padded alike, so columns line up. */
export function riskColumn(risk: Risk, c: Paint): string {
  return c.risk(risk, risk.padEnd(7));
}

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
