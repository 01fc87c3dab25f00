import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { findFrontmatter } from '../parse/frontmatter-fence.ts';
import { IncidentInputError } from './incident-input-error.ts';
import { readWorkspaceConfig } from './workspace-config-file.ts';
import { slackTargetFromEnv, type SlackTarget } from './slack-post.ts';
import { storeConfigFileName } from './store-config.ts';

/** The incident events the CLI posts, by the name `events` takes. */
export const slackEvents = ['started', 'assigned', 'severity-changed', 'status-update', 'resolved', 'reopened', 'cancelled'] as const;
export type SlackEvent = (typeof slackEvents)[number];

/**
 * Slack settings without any secret, from a runbook's frontmatter
 * (`slack:`) or `runbook.config.json` (`"slack"`). The webhook URL and the
 * bot token are read only from the environment, from the variables named here.
 */
export interface SlackSettings {
  /** Channel for `chat.postMessage`, e.g. `#inc-checkout`; setting it chooses the bot token over a webhook. */
  channel?: string;
  /** Events to post (default: all of `slackEvents`). */
  events?: SlackEvent[];
  /** Environment variable holding the incoming-webhook URL (default `RUNBOOK_SLACK_WEBHOOK_URL`); setting it chooses the webhook. */
  webhookEnv?: string;
  /** Environment variable holding the bot token (default `RUNBOOK_SLACK_TOKEN`). */
  tokenEnv?: string;
  /** Slack's API base for `chat.postMessage` (default `https://slack.com/api`; not a secret). */
  apiUrl?: string;
}

/** Settings and where each layer came from, for messages. */
export interface SlackConfig {
  settings: SlackSettings;
  /** The files that set something, workspace first. */
  sources: string[];
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Keys that would put a secret in a file others read.
const secretKeys = new Set(['webhook', 'webhookurl', 'url', 'token', 'bottoken']);

/**
 * Checks one `slack` value. Throws IncidentInputError naming `source` and
 * the key; a secret (a webhook URL or a token) is refused without echoing it.
 */
export function readSlackSettings(value: unknown, source: string): SlackSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IncidentInputError(source, typeof value === 'string' ? '…' : value, 'must be a mapping: { channel, events, webhookEnv, tokenEnv, apiUrl }');
  }
  const settings: SlackSettings = {};
  for (const [key, entry] of Object.entries(value)) {
    const at = `${source} slack.${key}`;
    if (secretKeys.has(key.toLowerCase())) {
      throw new IncidentInputError(at, '…', 'would keep a secret in a file; put it in an environment variable and name it with webhookEnv or tokenEnv');
    }
    if (key === 'channel') settings.channel = nonEmpty(entry, at, 'a channel name or id, e.g. "#inc-checkout"');
    else if (key === 'apiUrl') settings.apiUrl = nonEmpty(entry, at, 'a URL, e.g. "https://slack.com/api"');
    else if (key === 'webhookEnv' || key === 'tokenEnv') {
      const name = nonEmpty(entry, at, 'the name of an environment variable');
      if (!envName.test(name)) throw new IncidentInputError(at, '…', 'must be the name of an environment variable (letters, digits, _), not its value');
      settings[key] = name;
    } else if (key === 'events') settings.events = readEvents(entry, at);
    else throw new IncidentInputError(at, key, 'is not a Slack setting; use channel, events, webhookEnv, tokenEnv or apiUrl');
  }
  return settings;
}

/**
 * The Slack settings for an incident: `runbook.config.json`'s `slack` in the
 * workspace, then the runbook's frontmatter `slack`, key by key (the runbook
 * wins). Neither file: empty settings, and the environment alone decides.
 */
export function readSlackConfig(options: { workspace: string; runbookFile?: string }): SlackConfig {
  const config: SlackConfig = { settings: {}, sources: [] };
  const file = join(options.workspace, storeConfigFileName);
  const workspaceValue = readWorkspaceConfig(file).slack;
  if (workspaceValue !== undefined) {
    Object.assign(config.settings, readSlackSettings(workspaceValue, file));
    config.sources.push(file);
  }
  const runbookValue = options.runbookFile !== undefined && existsSync(options.runbookFile) ? frontmatterSlack(options.runbookFile) : undefined;
  if (runbookValue !== undefined && options.runbookFile !== undefined) {
    Object.assign(config.settings, readSlackSettings(runbookValue, `${options.runbookFile} (frontmatter)`));
    config.sources.push(options.runbookFile);
  }
  return config;
}

/** Where to post, or why nothing is: the settings choose, the environment holds the secrets. */
export type SlackResolution = { target: SlackTarget } | { target?: undefined; missing?: string };

/**
 * The target for the settings and environment. A `webhookEnv` chooses the
 * webhook; a `channel` or `tokenEnv` chooses `chat.postMessage`; neither
 * leaves the choice to the environment alone (`slackTargetFromEnv`).
 * `missing` names the variable a chosen way needs and does not have.
 */
export function resolveSlackTarget(settings: SlackSettings, env: NodeJS.ProcessEnv): SlackResolution {
  if (settings.webhookEnv !== undefined) {
    const url = env[settings.webhookEnv];
    return url ? { target: { kind: 'webhook', url } } : { missing: settings.webhookEnv };
  }
  if (settings.channel !== undefined || settings.tokenEnv !== undefined) {
    const tokenEnv = settings.tokenEnv ?? 'RUNBOOK_SLACK_TOKEN';
    const token = env[tokenEnv];
    const channel = settings.channel ?? env.RUNBOOK_SLACK_CHANNEL;
    if (!token) return { missing: tokenEnv };
    if (!channel) return { missing: 'RUNBOOK_SLACK_CHANNEL' };
    const url = settings.apiUrl ?? (env.RUNBOOK_SLACK_API_URL || 'https://slack.com/api');
    return { target: { kind: 'chat.postMessage', url, token, channel } };
  }
  const target = slackTargetFromEnv(env);
  if (target === undefined) return {};
  if (target.kind === 'chat.postMessage' && settings.apiUrl !== undefined) target.url = settings.apiUrl;
  return { target };
}

/** Whether the settings post this event (all events when `events` is absent). */
export function slackWants(settings: SlackSettings, event: string): boolean {
  return settings.events === undefined || (settings.events as string[]).includes(event);
}

function readEvents(value: unknown, at: string): SlackEvent[] {
  if (!Array.isArray(value)) throw new IncidentInputError(at, value, `must be a list of events: ${slackEvents.join(', ')}`);
  return value.map((event, index) => {
    if (typeof event !== 'string' || !(slackEvents as readonly string[]).includes(event)) {
      throw new IncidentInputError(`${at}[${index}]`, event, `is not an event; use ${slackEvents.join(', ')}`);
    }
    return event as SlackEvent;
  });
}

function nonEmpty(value: unknown, at: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new IncidentInputError(at, value, `must be ${what}`);
  return value.trim();
}

function frontmatterSlack(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const fence = findFrontmatter(source, source.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (fence === undefined) return undefined;
  const document = parseDocument(fence.yaml);
  // Broken YAML is the runbook's lint and parse messages' to report; Slack just finds no settings in it.
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  return (document.toJS() as { slack?: unknown }).slack;
}
