import type { SlackNotice } from '../incident/slack-notice.ts';
import type { CliContext } from './command.ts';
import type { CliIncidentLocation } from './incident-store-choice.ts';

/** Core's Slack notice for an incident event, its warnings on stderr: it never stops the command. */
export async function notifySlack(
  context: CliContext,
  incident: { location: CliIncidentLocation; id: string; who: string },
  notice: SlackNotice,
): Promise<void> {
  const { notifySlack: notify } = await import('../incident/notify-slack.ts');
  const { warnings } = await notify(incident.id, notice, { location: incident.location, who: incident.who, env: context.env });
  for (const warning of warnings) context.stderr.write(`runbook: warning: ${warning}\n`);
}
