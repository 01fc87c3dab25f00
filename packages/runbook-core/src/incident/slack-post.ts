/**
 * Posting incident events to Slack: an incoming webhook, or `chat.postMessage`
 * with a bot token. Both secrets come from the environment only and never
 * appear in a result, a message or the journal. A failed post is retried, then
 * reported as data: it never throws, so it never blocks the incident.
 */
export interface SlackTarget {
  kind: 'webhook' | 'chat.postMessage';
  /** The webhook URL, or the API base (`https://slack.com/api`). Secret for a webhook. */
  url: string;
  /** Bot token for chat.postMessage. Secret. */
  token?: string;
  channel?: string;
}

export interface SlackPostResult {
  ok: boolean;
  attempts: number;
  /** Why the last attempt failed; never holds the URL or token. */
  error?: string;
}

export interface SlackPostOptions {
  attempts?: number;
  /** Milliseconds before retry n (1-based); default 250 ms × n. */
  delayMs?: (attempt: number) => number;
  /** Per attempt. */
  timeoutMs?: number;
}

/** The target the environment configures, or `undefined` (nothing is posted). */
export function slackTargetFromEnv(env: NodeJS.ProcessEnv): SlackTarget | undefined {
  const webhook = env.RUNBOOK_SLACK_WEBHOOK_URL;
  if (webhook !== undefined && webhook !== '') return { kind: 'webhook', url: webhook };
  const token = env.RUNBOOK_SLACK_TOKEN;
  const channel = env.RUNBOOK_SLACK_CHANNEL;
  if (token !== undefined && token !== '' && channel !== undefined && channel !== '') {
    return { kind: 'chat.postMessage', url: env.RUNBOOK_SLACK_API_URL || 'https://slack.com/api', token, channel };
  }
  return undefined;
}

export async function postToSlack(target: SlackTarget, text: string, options: SlackPostOptions = {}): Promise<SlackPostResult> {
  const attempts = Math.max(1, options.attempts ?? 3);
  let error = 'not tried';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, (options.delayMs ?? ((n) => 250 * n))(attempt - 1)));
    const outcome = await postOnce(target, text, options.timeoutMs ?? 5000);
    if (outcome.ok) return { ok: true, attempts: attempt };
    error = redact(outcome.error, target);
    if (!outcome.retry) return { ok: false, attempts: attempt, error };
  }
  return { ok: false, attempts, error };
}

async function postOnce(target: SlackTarget, text: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; retry: boolean; error: string }> {
  const webhook = target.kind === 'webhook';
  const url = webhook ? target.url : `${target.url.replace(/\/+$/, '')}/chat.postMessage`;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!webhook) headers.authorization = `Bearer ${target.token ?? ''}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(webhook ? { text } : { channel: target.channel, text }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retry: true, error: `could not reach Slack (${cause ?? (error as Error).name})` };
  }
  const body = await response.text().catch(() => '');
  if (response.status === 429 || response.status >= 500) return { ok: false, retry: true, error: `Slack answered HTTP ${response.status}` };
  if (!response.ok) return { ok: false, retry: false, error: `Slack answered HTTP ${response.status} ${body.slice(0, 80)}`.trim() };
  if (webhook) return { ok: true };
  // chat.postMessage answers 200 with { ok: false, error } for a bad token or channel.
  try {
    const parsed = JSON.parse(body) as { ok?: boolean; error?: string };
    return parsed.ok === true
      ? { ok: true }
      : { ok: false, retry: false, error: `Slack refused the post: ${String(parsed.error ?? 'no reason given').slice(0, 80)}` };
  } catch {
    return { ok: false, retry: false, error: 'Slack answered something that is not JSON' };
  }
}

/** The secrets out of any text that could echo them. */
function redact(text: string, target: SlackTarget): string {
  let safe = text;
  for (const secret of [target.token, target.kind === 'webhook' ? target.url : undefined]) {
    if (secret !== undefined && secret !== '') safe = safe.split(secret).join('[secret]');
  }
  return safe;
}
