import { resolve } from 'node:path';
import type { CliContext } from './command.ts';
import type { CliIncidentLocation } from './incident-store-choice.ts';

/**
 * Posts a line about an incident event to Slack when configured, and
 * journals the outcome. The settings come from `runbook.config.json`'s
 * `slack` and the incident's runbook frontmatter `slack` (the runbook wins);
 * the secrets (webhook URL, bot token) only from the environment
 * (RUNBOOK_SLACK_WEBHOOK_URL, or RUNBOOK_SLACK_TOKEN with RUNBOOK_SLACK_CHANNEL,
 * or the variables `webhookEnv`/`tokenEnv` name). A failure, or settings that
 * cannot be used, is a warning: the event it is about is already recorded,
 * and the incident goes on.
 */
export async function notifySlack(
  context: CliContext,
  incident: { location: CliIncidentLocation; id: string; who: string },
  about: string,
  text: string,
): Promise<void> {
  const { postToSlack, recordEvent, loadIncident } = await import('../incident/index.ts');
  const { readSlackConfig, resolveSlackTarget, slackWants } = await import('../incident/slack-config.ts');
  let config: ReturnType<typeof readSlackConfig>;
  try {
    const state = await loadIncident(incident.id, incident.location);
    const runbookFile = state.runbook === undefined ? undefined : resolve(incident.location.workspace, state.runbook);
    config = readSlackConfig({ workspace: incident.location.workspace, ...(runbookFile === undefined ? {} : { runbookFile }) });
  } catch (error) {
    context.stderr.write(`runbook: warning: nothing posted to Slack about ${about}: ${(error as Error).message}\n`);
    return;
  }
  if (!slackWants(config.settings, about)) return;
  const resolution = resolveSlackTarget(config.settings, context.env);
  const target = resolution.target;
  if (target === undefined) {
    if (resolution.missing !== undefined && config.sources.length > 0) {
      context.stderr.write(
        `runbook: warning: nothing posted to Slack about ${about}: ${config.sources.join(' and ')} configure Slack, but ${resolution.missing} is not set in the environment\n`,
      );
    }
    return;
  }
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
