import { StringDecoder } from 'node:string_decoder';
import type { CliContext } from './command.ts';

/** Ctrl-C (or SIGTERM, SIGHUP) at a prompt: the person said no to everything; the CLI exits 130 at once. */
export class PromptCanceled extends Error {
  override name = 'PromptCanceled';
}

type PromptContext = Pick<CliContext, 'stdin' | 'stderr'>;

/**
 * Asks for one line on the terminal. Prompts go to stderr, so stdout stays the
 * steps' output. A secret is read with echo off and nothing is printed for it.
 * Only for interactive contexts: callers check `context.interactive` first.
 */
export async function askLine(context: PromptContext, question: string, options: { secret?: boolean; signal?: AbortSignal } = {}): Promise<string> {
  if (options.signal?.aborted) throw new PromptCanceled('canceled at the prompt');
  context.stderr.write(question);
  const stdin = context.stdin as NodeJS.ReadStream;
  const raw = options.secret === true && typeof stdin.setRawMode === 'function';
  if (raw) stdin.setRawMode(true);
  try {
    return await readLine(stdin, raw, options.signal);
  } finally {
    if (raw) stdin.setRawMode(false);
    if (options.secret === true) context.stderr.write('\n');
  }
}

/** A yes/no question; only `y` or `yes` is yes. */
export async function askYesNo(context: PromptContext, question: string, signal?: AbortSignal): Promise<boolean> {
  const answer = await askLine(context, `${question} [y/N] `, signal === undefined ? {} : { signal });
  return /^\s*y(es)?\s*$/i.test(answer);
}

function readLine(stdin: NodeJS.ReadStream, raw: boolean, signal: AbortSignal | undefined): Promise<string> {
  if (stdin.readableEnded) return Promise.resolve('');
  const decoder = new StringDecoder('utf8');
  let line = '';
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, rest?: string) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
      // Whatever came after the line belongs to the next prompt.
      if (rest) stdin.unshift(Buffer.from(rest));
      stdin.pause();
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (let index = 0; index < text.length; index++) {
        const char = text[index]!;
        if (char === '\u0003' && raw) return finish(new PromptCanceled('canceled at the prompt'));
        if (char === '\n' || char === '\r') {
          const next = text[index + 1] === '\n' && char === '\r' ? index + 2 : index + 1;
          return finish(undefined, text.slice(next));
        }
        if (raw && (char === '\u007f' || char === '\b')) line = line.slice(0, -1);
        else if (raw && char === '\u0004' && line === '') return finish(undefined);
        else line += char;
      }
    };
    const onEnd = () => finish(undefined);
    const onError = (error: Error) => finish(error);
    // A signal while a line is read (cooked mode: Ctrl-C is SIGINT) ends the prompt at once.
    const onAbort = () => finish(new PromptCanceled('canceled at the prompt'));
    signal?.addEventListener('abort', onAbort, { once: true });
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}
