import { watchIncident, type IncidentLocation } from '../../../incident/index.ts';
import { UsageError, type CliContext } from '../../command.ts';

const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Calls `onChange` after every change of incident `id` (pushed by the store,
 * or found by reading its journal every `RUNBOOK_WATCH_POLL_MS`, default
 * 250) until Ctrl-C, SIGTERM or SIGHUP; resolves then, watching stopped.
 * Changes are handled one at a time, in order.
 */
export async function followIncident(context: CliContext, location: IncidentLocation, id: string, onChange: () => Promise<void>): Promise<void> {
  const pollMs = pollInterval(context.env);
  let queue = Promise.resolve();
  let pending = false;
  const changed = (): void => {
    // Changes that come while one is handled fold into the next reading.
    if (pending) return;
    pending = true;
    queue = queue.then(async () => {
      pending = false;
      await onChange();
    });
  };
  const stopped = new Promise<void>((resolve) => {
    const onSignal = (): void => {
      for (const name of stopSignals) process.off(name, onSignal);
      resolve();
    };
    for (const name of stopSignals) process.on(name, onSignal);
  });
  const stop = await watchIncident(location, id, changed, {
    ...(pollMs === undefined ? {} : { pollMs }),
    onError: (error) => context.stderr.write(`runbook incident: warning: reading ${id} failed: ${(error as Error).message}\n`),
  });
  // What came between the first reading and the subscription is read once now.
  changed();
  await stopped;
  await stop();
  await queue;
}

function pollInterval(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.RUNBOOK_WATCH_POLL_MS;
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 10 || value > 60_000) throw new UsageError(`RUNBOOK_WATCH_POLL_MS '${text}' must be milliseconds from 10 to 60000`);
  return value;
}
