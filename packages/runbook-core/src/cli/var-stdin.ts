import type { Readable } from 'node:stream';
import { UsageError } from './command.ts';

/**
 * The value of `--var-stdin NAME`: everything on stdin, less one final
 * newline (`printf '%s\n' "$TOKEN" |`, `< token.txt`). A terminal is refused:
 * typing there would show the value; the prompt asks for it without echo.
 */
export async function readVarStdin(name: string, stdin: Readable): Promise<string> {
  if ((stdin as Partial<NodeJS.ReadStream>).isTTY === true) {
    throw new UsageError(
      `--var-stdin ${name}: stdin is a terminal; pipe the value in (… | runbook run --var-stdin ${name}), or leave --var-stdin out to be asked without echo`,
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (value === '') throw new UsageError(`--var-stdin ${name}: stdin was empty`);
  return value;
}
