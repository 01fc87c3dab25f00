import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './command.ts';

/**
 * `--fill KEY=value` flags and `--fill-file` lines as one record; flags win
 * over the file, the last of a key wins. KEY is a field label (`Impact`), a
 * bracket's text or a variable name. The file holds `KEY=value` lines;
 * blank lines and `#` comments are skipped.
 */
export async function parseFillFlags(flags: readonly string[] | undefined, file: string | undefined, cwd: string): Promise<Record<string, string>> {
  const fills: Record<string, string> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`--fill-file: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '' || line.trimStart().startsWith('#')) return;
      const [key, value] = split(line, `${file}:${index + 1}`);
      fills[key] = value;
    });
  }
  for (const flag of flags ?? []) {
    const [key, value] = split(flag, '--fill');
    fills[key] = value;
  }
  return fills;
}

function split(entry: string, where: string): [string, string] {
  const at = entry.indexOf('=');
  const key = at === -1 ? '' : entry.slice(0, at).trim();
  if (key === '')
    throw new UsageError(`${where}: expected KEY=value (e.g. "Impact=Checkout unavailable"), got '${entry.length > 40 ? `${entry.slice(0, 40)}…` : entry}'`);
  return [key, entry.slice(at + 1).trim()];
}
