import * as incidents from '../../../incident/index.ts';
import { requireIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { noArguments, printableRow, show, warnJournal } from './output.ts';

export async function timeline({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('timeline', args);
  const { state } = await requireIncident(context, flags.incident, { orLatest: true });
  const rows = incidents.incidentTimeline(state);
  warnJournal(context, state);
  // Notes, item texts and step names are anyone's text: escaped before they reach a terminal.
  return show(context, format, rows, () => incidents.formatTimelineTable(rows.map(printableRow)));
}
