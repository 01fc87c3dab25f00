import { UsageError } from './command.ts';

const name = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `--var K=V` flags as a record; the last one of a name wins. The value may hold `=` and be empty. */
export function parseVarFlags(flags: readonly string[] | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const flag of flags ?? []) {
    const at = flag.indexOf('=');
    const key = at === -1 ? flag : flag.slice(0, at);
    if (at === -1 || !name.test(key)) {
      throw new UsageError(`--var needs NAME=value with a shell variable name, got '${at === -1 ? flag : `${key}=…`}'`);
    }
    values[key] = flag.slice(at + 1);
  }
  return values;
}
