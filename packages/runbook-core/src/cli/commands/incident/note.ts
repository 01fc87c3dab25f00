import * as incidents from '../../../incident/index.ts';
import { UsageError } from '../../command.ts';
import { requireIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { show } from './output.ts';

export async function note({ context, flags, args, format, who }: Invocation): Promise<number> {
  const text = args.join(' ').trim();
  if (text === '') throw new UsageError('note needs its text: runbook incident note "what happened"');
  const { location, state } = await requireIncident(context, flags.incident);
  const event = await incidents.recordEvent(state.id, { type: 'note', text }, { ...location, who });
  return show(context, format, event, () => `Noted in ${state.id}.\n`);
}
