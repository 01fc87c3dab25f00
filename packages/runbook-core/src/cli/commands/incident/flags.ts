import type { CliContext } from '../../command.ts';
import type { OutputFormat } from '../../format-flag.ts';
import type { parseFlags } from '../../parse-flags.ts';

/** Every flag of `runbook incident`; each subcommand reads the ones it knows. */
export const incidentFlagSpec = {
  severity: { type: 'string' },
  title: { type: 'string' },
  runbook: { type: 'string' },
  'detected-at': { type: 'string' },
  context: { type: 'string' },
  drill: { type: 'boolean' },
  'duplicate-of': { type: 'string' },
  also: { type: 'boolean' },
  summary: { type: 'string' },
  'cause-category': { type: 'string' },
  'customer-impact': { type: 'string' },
  at: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  reason: { type: 'string' },
  month: { type: 'string' },
  output: { type: 'string' },
  incident: { type: 'string' },
  format: { type: 'string' },
  watch: { type: 'boolean' },
  follow: { type: 'boolean', short: 'f' },
} as const;

export type IncidentFlags = ReturnType<typeof parseFlags<typeof incidentFlagSpec>>['values'];

/** One subcommand's call: the parsed flags, its own arguments, the output format and who acts. */
export interface Invocation {
  context: CliContext;
  flags: IncidentFlags;
  args: string[];
  format: OutputFormat | 'csv';
  who: string;
}

export type Subcommand = (invocation: Invocation) => Promise<number>;
