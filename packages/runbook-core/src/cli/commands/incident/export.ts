import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as incidents from '../../../incident/index.ts';
import { ExitCode, UsageError } from '../../command.ts';
import { requireIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { noArguments } from './output.ts';

/** `runbook incident export [id] [--output file]`: the journal as JSON lines, from whichever store keeps it. */
export async function exportIncident({ context, flags, args }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  noArguments('export', extra);
  const { location, state } = await requireIncident(context, id ?? flags.incident, { orLatest: true });
  const journal = await incidents.storeFor(location).read(state.id);
  if (journal === undefined) throw new UsageError(`no incident '${state.id}'`);
  if (flags.output === undefined) {
    context.stdout.write(journal);
    return ExitCode.ok;
  }
  const file = resolve(context.cwd, flags.output);
  // A journal names people and systems: private to its owner, and never written over.
  const handle = await open(file, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write ${file}: ${error.code === 'EEXIST' ? 'it exists already' : (error.code ?? String(error))}`);
  });
  try {
    await handle.writeFile(journal);
  } finally {
    await handle.close();
  }
  context.stderr.write(`Exported ${state.id} (${journal.split('\n').filter((line) => line !== '').length} events) to ${file}\n`);
  return ExitCode.ok;
}
