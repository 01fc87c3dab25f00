import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './command.ts';

const name = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Values from a `--var-file`: `NAME=value` lines, `#` comments and blank
 * lines skipped, an optional `export ` before the name, the value the rest
 * of the line with one pair of surrounding quotes removed (no escapes). The
 * file must be private (no access for group or others): it is where secrets
 * go instead of the command line, so one others can read or change is
 * refused, not warned about.
 */
export function readVarFile(file: string, cwd: string): Record<string, string> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      const who = mode & 0o044 ? 'readable' : 'writable';
      throw new UsageError(`--var-file ${file}: ${who} by other users (mode ${mode.toString(8)}); make it private first: chmod 600 ${file}`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--var-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseVarFile(text, file);
}

/** The `NAME=value` lines of a var file; a line that is none is a usage error naming the file and line. */
export function parseVarFile(text: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const assignment = trimmed.replace(/^export\s+/, '');
    const at = assignment.indexOf('=');
    const key = at === -1 ? assignment : assignment.slice(0, at);
    if (at === -1 || !name.test(key)) {
      // The value is never echoed: the line may hold a secret.
      throw new UsageError(
        `--var-file ${file}:${index + 1}:1: expected NAME=value with a shell variable name, got '${at === -1 ? 'a line without =' : `${key}=…`}'`,
      );
    }
    values[key] = unquote(assignment.slice(at + 1));
  }
  return values;
}

function unquote(value: string): string {
  const first = value[0];
  return value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first) ? value.slice(1, -1) : value;
}
