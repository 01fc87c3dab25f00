import { parseDuration } from '../parse/duration.ts';
import { UsageError } from './command.ts';

/** A flag such as `--timeout 30s` in milliseconds; a bare number is refused (seconds or milliseconds?). */
export function parseDurationFlag(flag: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new UsageError(`${flag} must be a duration such as 30s, 5m or 1h30m, not '${value}'`);
  return ms;
}
