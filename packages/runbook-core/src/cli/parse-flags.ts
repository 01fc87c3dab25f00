import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';
import { didYouMean } from './did-you-mean.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` with our error shape: unknown or malformed flags become a
 * UsageError that names the flag (and the nearest known one), so every command
 * fails the same way.
 */
export function parseFlags<const O extends Options>(argv: string[], options: O) {
  const all = { help: { type: 'boolean', short: 'h' }, ...options } as const;
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = error instanceof Error ? /'(-[^']*)'/.exec(error.message)?.[1] : undefined;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
      const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
      const hint = didYouMean(
        name,
        Object.keys(all).filter((key) => key !== 'help'),
        (word) => `--${word}`,
      );
      throw new UsageError(`Unknown option '${flag}'${hint}`);
    }
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
