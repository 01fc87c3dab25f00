import { UsageError, type CliContext } from '../../command.ts';
import { parseDurationFlag } from '../../duration-flag.ts';
import { askLine } from '../../prompt.ts';

/** A value the flag did not give: asked on a terminal, else a usage error naming the flag. */
export async function askOr(context: CliContext, question: string, flag: string, example: string): Promise<string> {
  if (!context.interactive) throw new UsageError(`pass ${flag} ${example} (no terminal to ask on)`);
  const answer = (await askLine(context, question)).trim();
  if (answer === '') throw new UsageError(`${flag} is needed`);
  return answer;
}

/** An ISO time (`2026-11-14T14:05Z`, `…+01:00`) or how long ago (`15m`, `2h`). */
export function parseTimeFlag(flag: string, value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} '${value}' is not a valid time`);
    return date;
  }
  return new Date(Date.now() - parseDurationFlag(flag, value));
}
