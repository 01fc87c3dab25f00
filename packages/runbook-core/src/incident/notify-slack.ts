import { resolve } from 'node:path';
import type { IncidentLocation } from './incident-location.ts';
import { loadIncident } from './load-incident.ts';
import { recordEvent } from './record-event.ts';
import { readSlackConfig, resolveSlackTarget, slackWants } from './slack-config.ts';
import type { SlackNotice } from './slack-notice.ts';
import { postToSlack } from './slack-post.ts';

export interface SlackNotified {
  posted: boolean;
  warnings: string[];
}

export interface NotifySlackOptions {
  /** Where the incident lives; `workspace` holds `runbook.config.json`. */
  location: IncidentLocation & { workspace: string };
  who: string;
  /** Where the secrets are (webhook URL, bot token): only ever the environment. */
  env: NodeJS.ProcessEnv;
}

/**
 * Posts a notice about an incident to Slack when configured (the workspace's
 * `runbook.config.json` `slack`, the incident runbook's frontmatter `slack`,
 * the runbook winning; secrets only from the environment), and journals the
 * outcome as a `notified` event. Never throws: a failure is a warning to show,
 * since the event it is about is already recorded and the incident goes on.
 * Resolves to whether it was posted, and those warnings (none when posted,
 * or when Slack is not set up).
 */
export async function notifySlack(id: string, notice: SlackNotice, options: NotifySlackOptions): Promise<SlackNotified> {
  const { location, who, env } = options;
  const { about, text } = notice;
  let config: ReturnType<typeof readSlackConfig>;
  try {
    const state = await loadIncident(id, location);
    const runbookFile = state.runbook === undefined ? undefined : resolve(location.workspace, state.runbook);
    config = readSlackConfig({ workspace: location.workspace, ...(runbookFile === undefined ? {} : { runbookFile }) });
  } catch (error) {
    return { posted: false, warnings: [`nothing posted to Slack about ${about}: ${(error as Error).message}`] };
  }
  if (!slackWants(config.settings, about)) return { posted: false, warnings: [] };
  const resolution = resolveSlackTarget(config.settings, env);
  const target = resolution.target;
  if (target === undefined) {
    if (resolution.missing === undefined || config.sources.length === 0) return { posted: false, warnings: [] };
    const missing = `nothing posted to Slack about ${about}: ${config.sources.join(' and ')} configure Slack, but ${resolution.missing} is not set in the environment`;
    return { posted: false, warnings: [missing] };
  }
  const result = await postToSlack(target, text);
  const warnings: string[] = [];
  try {
    await recordEvent(
      id,
      {
        type: 'notified',
        target: target.kind,
        ...(target.channel === undefined ? {} : { channel: target.channel }),
        about,
        ok: result.ok,
        attempts: result.attempts,
        ...(result.error === undefined ? {} : { error: result.error }),
      },
      { ...location, who },
    );
  } catch (error) {
    warnings.push(`the Slack post's outcome was not journaled: ${(error as Error).message}`);
  }
  if (!result.ok) {
    warnings.push(`Slack post about ${about} failed after ${result.attempts} attempt(s): ${result.error ?? 'unknown'} (journaled; the incident goes on)`);
  }
  return { posted: result.ok, warnings };
}
