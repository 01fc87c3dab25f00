import { actionItemsOf, impactOf, incidentRoles, ROLE_TITLES, rootCauseOf } from './incident-findings.ts';
import type { IncidentState } from './incident-state.ts';
import { incidentStatus } from './incident-status.ts';
import { renderIncidentTemplate } from './incident-template.ts';
import { formatTimelineTable, incidentTimeline } from './incident-timeline.ts';
import { humanDuration, utcDateTime } from './utc-time.ts';

export interface PostIncidentReviewOptions {
  /**
   * The runbook's review template (Markdown). Its `${VAR}`s are filled, its
   * "Executive Summary" bullets, its "Timeline" table, its "Detection and
   * Response" figures and its "Action Items" come from the journal; the rest
   * stays for people to write. Absent: a built-in layout with those parts.
   */
  template?: string;
  /** For an open incident, where the duration runs to (default: now). A resolved one never reads the clock. */
  now?: Date;
}

export interface PostIncidentReview {
  /** Markdown, ending in one newline; the same bytes for the same journal and template. */
  text: string;
  /** What the journal does not say and the summary marks "Not recorded": `Impact`, `Root Cause`, `Resolution`. */
  missing: string[];
}

const NOT_RECORDED = '_Not recorded_';

/** The post-incident review of an incident, from its journal. */
export function postIncidentReview(state: IncidentState, options: PostIncidentReviewOptions = {}): PostIncidentReview {
  const now = options.now ?? (state.status === 'resolved' && state.resolvedAt !== undefined ? new Date(state.resolvedAt) : new Date());
  const missing: string[] = [];
  const summary = summaryOf(state, now, missing);
  const parts: ReviewParts = {
    summary,
    timeline: formatTimelineTable(incidentTimeline(state)).trimEnd(),
    figures: figuresOf(state, now),
    actions: actionsOf(state),
    team: Object.entries(incidentRoles(state)).map(([role, person]) => `- **${ROLE_TITLES[role] ?? role}**: ${handle(person)}`),
  };
  const text = options.template === undefined ? builtInReview(state, parts) : fromTemplate(state, options.template, now, parts);
  return { text: `${text.trimEnd()}\n`, missing };
}

interface ReviewParts {
  /** Label → value, in the template's order. */
  summary: Map<string, string>;
  timeline: string;
  figures: string[];
  actions: string[];
  /** `- **Incident Commander**: @ana`, one per role held at the end. */
  team: string[];
}

function summaryOf(state: IncidentState, now: Date, missing: string[]): Map<string, string> {
  const status = incidentStatus(state, now);
  const severity = state.severity === undefined ? '' : ` (${state.severity}${status.severity?.label === undefined ? '' : ` ${status.severity.label}`})`;
  const start = state.startedAt === undefined ? undefined : utcDateTime(new Date(state.startedAt));
  const end = state.resolvedAt === undefined ? undefined : utcDateTime(new Date(state.resolvedAt));
  const took = humanDuration(status.elapsedMs);
  const duration =
    state.status === 'resolved' ? `${took}${start && end ? ` (${start} to ${end})` : ''}` : `ongoing: ${took} so far${start ? ` (since ${start})` : ''}`;
  const known = (label: string, value: string | undefined) => {
    if (value === undefined) missing.push(label);
    return value ?? NOT_RECORDED;
  };
  return new Map([
    ['incident', `${state.title ?? state.id}${severity}`],
    ['duration', duration],
    ['impact', known('Impact', impactOf(state))],
    ['root cause', known('Root Cause', rootCauseOf(state))],
    ['resolution', known('Resolution', state.resolution)],
  ]);
}

function figuresOf(state: IncidentState, now: Date): string[] {
  const status = incidentStatus(state, now);
  const extra = state as IncidentState & { impactStartedAt?: string; acknowledgedAt?: string; mitigatedAt?: string };
  const moments: Array<[string, string | undefined]> = [
    ['Impact started', extra.impactStartedAt],
    ['Detected', state.detectedAt],
    ['Declared', state.startedAt],
    ['Acknowledged', extra.acknowledgedAt],
    ['First response', state.respondedAt],
    ['Mitigated', extra.mitigatedAt],
    ['Resolved', state.resolvedAt],
  ];
  const lines = moments.filter(([, at]) => at !== undefined).map(([label, at]) => `- **${label}**: ${utcDateTime(new Date(at!))}`);
  const between = (label: string, from: string | undefined, to: string | undefined, note = '') => {
    if (from !== undefined && to !== undefined && Date.parse(to) >= Date.parse(from))
      lines.push(`- **${label}**: ${humanDuration(Date.parse(to) - Date.parse(from))}${note}`);
  };
  between('Time to detect', extra.impactStartedAt, state.detectedAt);
  between('Time to declare', state.detectedAt, state.startedAt);
  const target = status.responseDueAt === undefined ? '' : status.responseLate ? ' (later than the response time)' : ' (within the response time)';
  between('Time to respond', state.startedAt, extra.acknowledgedAt ?? state.respondedAt, target);
  between('Time to mitigate', state.startedAt, extra.mitigatedAt);
  between('Time to resolve', state.startedAt, state.resolvedAt);
  const updates = state.statusUpdates.length;
  lines.push(`- **Status updates**: ${updates}${status.updateEveryMinutes === undefined ? '' : ` (one due every ${status.updateEveryMinutes} minutes)`}`);
  return lines;
}

function actionsOf(state: IncidentState): string[] {
  const items = actionItemsOf(state);
  if (items.length === 0) return ['_No action items recorded: `runbook incident note "Action: …"` adds one._'];
  return items.map((item) => `- [ ] ${item.text.replace(/\s+/g, ' ')} (${handle(item.who)})`);
}

function builtInReview(state: IncidentState, parts: ReviewParts): string {
  const label = (key: string) => key.replace(/\b\w/g, (letter) => letter.toUpperCase());
  return [
    `# Post-Incident Review: ${state.id}`,
    '',
    '## Executive Summary',
    ...[...parts.summary].map(([key, value]) => `- **${label(key)}**: ${value}`),
    ...parts.team,
    '',
    '## Timeline of Events',
    parts.timeline,
    '',
    '## Detection and Response',
    ...parts.figures,
    '',
    '## Action Items',
    ...parts.actions,
  ].join('\n');
}

/** The template with its `${VAR}`s filled and the journal's parts put into their sections. */
function fromTemplate(state: IncidentState, template: string, now: Date, parts: ReviewParts): string {
  const filled = renderIncidentTemplate(template, { state, now }).text;
  const lines = filled.split(/\r?\n/);
  const out: string[] = [];
  let index = 0;
  const placed = { timeline: false, figures: false, actions: false };
  while (index < lines.length) {
    const line = lines[index]!;
    out.push(line);
    index++;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const level = heading[1]!.length;
    const title = heading[2]!.toLowerCase();
    let end = index;
    while (end < lines.length && !isHeadingAtMost(lines[end]!, level)) end++;
    const body = lines.slice(index, end);
    if (/summary/.test(title)) {
      const summary = body.map((bodyLine) => summaryLine(bodyLine, parts.summary));
      const blank = summary.length - [...summary].reverse().findIndex((bodyLine) => bodyLine.trim() !== '');
      out.push(...summary.slice(0, blank), ...parts.team, ...summary.slice(blank));
    } else if (/timeline/.test(title) && !placed.timeline) {
      placed.timeline = true;
      out.push(...replaceTable(body, parts.timeline));
    } else if (/detection|response/.test(title) && !placed.figures) {
      placed.figures = true;
      out.push(...parts.figures, ...body);
    } else if (/action items?/.test(title) && !/follow/.test(title) && !placed.actions) {
      placed.actions = true;
      out.push(...parts.actions, '');
    } else {
      continue;
    }
    index = end;
  }
  if (!placed.timeline) out.push('', '## Timeline of Events', parts.timeline);
  if (!placed.figures) out.push('', '## Detection and Response', ...parts.figures);
  if (!placed.actions) out.push('', '## Action Items', ...parts.actions);
  return out.join('\n');
}

function isHeadingAtMost(line: string, level: number): boolean {
  const match = /^(#{1,6})\s/.exec(line);
  return match !== null && match[1]!.length <= level;
}

/** `- **Root Cause**: Primary cause …` becomes the recorded root cause; other lines stay. */
function summaryLine(line: string, summary: ReadonlyMap<string, string>): string {
  const bullet = /^(\s*[-*+]\s+(?:\*\*|__)?)([^:*_]+?)((?:\*\*|__)?:\s*)(.*)$/.exec(line);
  if (bullet === null) return line;
  const value = summary.get(bullet[2]!.trim().toLowerCase());
  return value === undefined ? line : `${bullet[1]}${bullet[2]}${bullet[3]}${value}`;
}

/** The section's first table (the template's example rows) becomes the journal's; without one, the table goes first. */
function replaceTable(body: readonly string[], table: string): string[] {
  const start = body.findIndex((line) => line.trimStart().startsWith('|'));
  if (start === -1) return [table, ...body];
  let end = start;
  while (end < body.length && body[end]!.trimStart().startsWith('|')) end++;
  return [...body.slice(0, start), table, ...body.slice(end)];
}

function handle(who: string): string {
  return /^[\w.-]+$/.test(who) ? `@${who}` : who;
}
