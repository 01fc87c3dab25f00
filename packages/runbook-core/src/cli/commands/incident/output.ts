import type { IncidentState } from '../../../incident/index.ts';
import { printable } from '../../../text/printable.ts';
import { ExitCode, UsageError, type CliContext } from '../../command.ts';
import type { OutputFormat } from '../../format-flag.ts';

/** JSON when asked, else the text. */
export function show(context: CliContext, format: OutputFormat | 'csv', data: unknown, text: () => string): number {
  if (format === 'json') return printJson(context, data);
  context.stdout.write(text());
  return ExitCode.ok;
}

export function printJson(context: CliContext, data: unknown): number {
  context.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  return ExitCode.ok;
}

/** An incident as JSON: the replayed state with its maps as plain objects. */
export function stateJson(state: IncidentState) {
  const { events, checklist, steps, variables, ...rest } = state;
  return {
    ...rest,
    checklist: Object.fromEntries(checklist),
    steps: Object.fromEntries(steps),
    variables: Object.fromEntries(variables),
    eventCount: events.length,
  };
}

/** open, resolved or cancelled. */
export function lifecycle(state: IncidentState): string {
  return state.cancelled ? 'cancelled' : state.status;
}

/** `[drill]`, `[duplicate of …]` or nothing. */
export function kindNote(state: IncidentState): string {
  if (state.drill) return ' [drill]';
  return state.duplicateOf === undefined ? '' : ` [duplicate of ${state.duplicateOf}]`;
}

/** Lines the journal's reader reported (corrupt, unchained), one warning each: never dropped silently. */
export function warnJournal(context: CliContext, state: IncidentState): void {
  for (const message of state.messages) {
    if (message.severity !== 'info') context.stderr.write(`runbook: warning: ${state.id} journal ${message.reason}\n`);
  }
}

/** A timeline row with every text field made printable. */
export function printableRow<Row extends object>(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? printable(value) : value])) as Row;
}

export function noArguments(subcommand: string, args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`${subcommand}: unexpected argument '${args[0]}'`);
}
