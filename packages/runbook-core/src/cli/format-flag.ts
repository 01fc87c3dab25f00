import { UsageError } from './command.ts';

export type OutputFormat = 'text' | 'json';

/** Checks `--format`; text unless given. */
export function parseFormatFlag(value: string | undefined): OutputFormat {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new UsageError(`--format must be text or json, not '${value}'`);
}
