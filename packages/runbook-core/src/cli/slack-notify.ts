import type { CliContext } from './command.ts';
import type { CliIncidentLocation } from './incident-store-choice.ts';

/**
 * Posts a line about an incident event to Slack when the environment
 * configures it (RUNBOOK_SLACK_WEBHOOK_URL, or RUNBOOK_SLACK_TOKEN with
 * RUNBOOK_SLACK_CHANNEL), and journals the outcome. A failure is a warning:
 * the event it is about is already recorded, and the incident goes on.
 */
export async function notifySlack(
  context: CliContext,
  incident: { location: CliIncidentLocation; id: string; who: string },
  about: string,
  text: string,
): Promise<void> {
  const { postToSlack, recordEvent, slackTargetFromEnv } = await import('../incident/index.ts');
  const target = slackTargetFromEnv(context.env);
  if (target === undefined) return;
  const result = await postToSlack(target, text);
  try {
    await recordEvent(
      incident.id,
      {
        type: 'notified',
        target: target.kind,
        ...(target.channel === undefined ? {} : { channel: target.channel }),
        about,
        ok: result.ok,
        attempts: result.attempts,
        ...(result.error === undefined ? {} : { error: result.error }),
      },
      { ...incident.location, who: incident.who },
    );
  } catch (error) {
    context.stderr.write(`runbook: warning: the Slack post's outcome was not journaled: ${(error as Error).message}\n`);
  }
  if (!result.ok) {
    context.stderr.write(
      `runbook: warning: Slack post about ${about} failed after ${result.attempts} attempt(s): ${result.error ?? 'unknown'} (journaled; the incident goes on)\n`,
    );
  }
}
