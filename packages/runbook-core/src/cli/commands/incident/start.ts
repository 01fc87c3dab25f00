import * as incidents from '../../../incident/index.ts';
import { utcDateTime } from '../../../incident/utc-time.ts';
import { printable } from '../../../text/printable.ts';
import { UsageError, type CliContext } from '../../command.ts';
import type { CliIncidentLocation } from '../../incident-store-choice.ts';
import { incidentLocation } from '../../incident-store-choice.ts';
import { loadRunbook } from '../../load-runbook.ts';
import { askLine } from '../../prompt.ts';
import { notifySlack } from '../../slack-notify.ts';
import { slackNotices } from '../../../incident/slack-notice.ts';
import type { Invocation } from './flags.ts';
import { askOr, parseTimeFlag } from './input.ts';
import { kindNote, noArguments, show } from './output.ts';

export async function start({ context, flags, args, format, who }: Invocation): Promise<number> {
  noArguments('start', args);
  const location = await incidentLocation(context);
  const loaded = flags.runbook === undefined ? undefined : await loadRunbook(flags.runbook, context.cwd);
  const levels = incidents.severityLevels(loaded?.runbook);
  const ids = levels.map((level) => level.id);
  const severity = flags.severity ?? (await askOr(context, `Severity (${ids.join(', ')}): `, '--severity', ids.join('..')));
  const title =
    flags.title ?? loaded?.runbook.meta.title ?? loaded?.runbook.sections[0]?.title ?? (await askOr(context, 'Title (what is happening): ', '--title', '"…"'));
  const detectedAt = flags['detected-at'] === undefined ? undefined : parseTimeFlag('--detected-at', flags['detected-at']);
  if (flags.drill !== true && flags['duplicate-of'] === undefined) await confirmAnotherIncident(context, location, flags.also === true);
  const previous = await incidents.currentIncident(location);
  const state = await incidents.startIncident({
    ...location,
    severity,
    title,
    who,
    ...(loaded === undefined ? {} : { runbook: loaded.runbook, runbookPath: loaded.file }),
    ...(detectedAt === undefined ? {} : { detectedAt }),
    ...(flags.drill === true ? { drill: true } : {}),
    ...(flags['duplicate-of'] === undefined ? {} : { duplicateOf: flags['duplicate-of'] }),
  });
  // The run session guards undeclared contexts against this pin.
  if (flags.context !== undefined) await incidents.recordEvent(state.id, { type: 'context-pinned', context: flags.context }, { ...location, who });
  await notifySlack(context, { location, id: state.id, who }, slackNotices.started(state, who));
  return show(context, format, state, () => {
    const status = incidents.incidentStatus(state);
    const due = status.responseDueAt ? `; response due ${utcDateTime(new Date(status.responseDueAt))}` : '';
    const before = previous === undefined ? '' : ` (${previous} stays open: runbook incident switch ${previous} goes back)`;
    return `Started ${state.id} (${state.severity})${kindNote(state)} — ${state.title}${due}.\nIt is now the current incident${before}.\n`;
  });
}

/** A second real incident while one is open is usually a mistake: ask on a terminal, else require --also. */
async function confirmAnotherIncident(context: CliContext, location: CliIncidentLocation, also: boolean): Promise<void> {
  if (also) return;
  const open = (await incidents.loadIncidents(location)).filter((state) => state.status === 'open' && state.startedAt !== undefined);
  if (open.length === 0) return;
  const named = open.map((state) => `${state.id} (${state.severity ?? '?'}, ${printable(state.title ?? 'no title')})`).join(', ');
  const verb = open.length === 1 ? 'is' : 'are';
  if (!context.interactive) {
    throw new UsageError(`${named} ${verb} open: pass --also to start another, --duplicate-of <id> if it is the same problem, or resolve it first`);
  }
  const answer = (await askLine(context, `${named} ${verb} open. Start another incident? [y/N] `)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new UsageError(`not started: ${named} stays open (runbook incident switch <id>)`);
}
