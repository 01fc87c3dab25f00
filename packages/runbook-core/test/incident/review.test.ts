import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIncident, recordEvent, resolveIncident, startIncident, type JournalEventInput } from '../../src/incident/index.ts';
import { postIncidentReview } from '../../src/incident/post-incident-review.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { findTemplateByName } from '../../src/template/index.ts';
import { runCli } from '../cli/cli-harness.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

// Golden files: UPDATE_GOLDEN=1 rewrites them from the current output.
const golden = new URL('../fixtures/review/', import.meta.url).pathname;
const bundledPath = new URL('../../../../runbooks/smartcloudops-incident-response.md', import.meta.url).pathname;

function matchesGolden(name: string, actual: string): void {
  const file = join(golden, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.ok(existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1 to write it`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

const start = new Date('2026-11-14T14:25:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

/** A whole P1 incident with fixed times and people. */
async function resolvedIncident() {
  const store = new MemoryIncidentStore();
  const bundled = parseRunbook(readFileSync(bundledPath, 'utf8'), { path: 'runbooks/smartcloudops-incident-response.md' });
  const state = await startIncident({ store, severity: 'P1', title: 'API 5xx spike', now: start, who: 'commander', detectedAt: at(-2), runbook: bundled });
  const events: Array<[number, JournalEventInput, string]> = [
    [1, { type: 'checklist-ticked', itemId: 'ack', text: 'Acknowledge the incident' }, 'oncall'],
    [5, { type: 'step-started', stepId: 'rollback', stepName: 'rollback', risk: 'destroy' }, 'tech-lead'],
    [6, { type: 'step-finished', stepId: 'rollback', exitCode: 0, durationMs: 42_000, timedOut: false, canceled: false }, 'tech-lead'],
    [10, { type: 'status-update', phase: 'mitigating', text: 'Rolled back; watching error rates' }, 'comms'],
    [20, { type: 'note', text: 'Root cause: release 4.2.1 exhausted the database connection pool' }, 'tech-lead'],
    [21, { type: 'note', text: 'Impact: 40% of API calls failed for 35 minutes' }, 'commander'],
    [22, { type: 'note', text: 'Action: add a canary stage to the API release' }, 'tech-lead'],
    [23, { type: 'note', text: 'TODO: alert on connection pool saturation' }, 'oncall'],
  ];
  for (const [minutes, input, who] of events) await recordEvent(state.id, input, { store, now: at(minutes), who });
  await resolveIncident(state.id, { store, now: at(65), who: 'commander', summary: 'Rolled back to 4.2.0' });
  return { state: await loadIncident(state.id, { store }), bundled };
}

describe('post-incident review', () => {
  it("fills the bundled runbook's review template from the journal (golden file)", async () => {
    const { state, bundled } = await resolvedIncident();
    const template = findTemplateByName(bundled, 'post-incident-review');
    assert.equal(template.kind, 'found');
    const review = postIncidentReview(state, { template: template.kind === 'found' ? template.template.text : '' });
    assert.deepEqual(review.missing, []);
    matchesGolden('bundled-template.md', review.text);
    // Its parts, so a wrong golden file cannot pass unnoticed.
    assert.match(review.text, /^# Post-Incident Review: INC-20261114-1425\n/);
    assert.match(review.text, /- \*\*Duration\*\*: 1h 5m \(2026-11-14 14:25 UTC to 2026-11-14 15:30 UTC\)\n/);
    assert.match(review.text, /- \*\*Root Cause\*\*: release 4\.2\.1 exhausted the database connection pool\n/);
    assert.match(review.text, /\| 14:23 \| Problem detected \| Detection time recorded \| @commander \|\n/);
    assert.match(review.text, /- \[ \] add a canary stage to the API release \(@tech-lead\)\n- \[ \] alert on connection pool saturation \(@oncall\)\n/);
    assert.match(review.text, /- \*\*Time to declare\*\*: 2m\n/);
    assert.doesNotMatch(review.text, /Alert fired|YYYY-MM-DD|\$\{/);
  });

  it('has a built-in layout for a runbook without a review template (golden file)', async () => {
    const { state } = await resolvedIncident();
    const review = postIncidentReview(state);
    matchesGolden('built-in.md', review.text);
    assert.match(review.text, /## Timeline of Events\n\| Time \(UTC\) \| Event \| Action Taken \| Team Member \|\n/);
  });

  it('is the same bytes for the same journal, whatever the clock says once resolved', async () => {
    const { state, bundled } = await resolvedIncident();
    const template = findTemplateByName(bundled, 'post-incident-review');
    const text = template.kind === 'found' ? template.template.text : '';
    const early = postIncidentReview(state, { template: text, now: at(70) });
    const late = postIncidentReview(state, { template: text, now: at(100_000) });
    assert.equal(early.text, late.text);
  });

  it('names who held each role at the end, in the summary (state.roles)', async () => {
    const { state, bundled } = await resolvedIncident();
    const template = findTemplateByName(bundled, 'post-incident-review');
    const withRoles = { ...state, roles: { commander: 'ana', comms: 'Carla Díaz' } };
    const review = postIncidentReview(withRoles, { template: template.kind === 'found' ? template.template.text : '' });
    assert.match(
      review.text,
      /- \*\*Resolution\*\*: Rolled back to 4\.2\.0\n- \*\*Incident Commander\*\*: @ana\n- \*\*Communications Lead\*\*: Carla Díaz\n\n## Timeline/,
    );
    assert.match(postIncidentReview(withRoles).text, /- \*\*Incident Commander\*\*: @ana\n/);
  });

  it('marks what the journal does not say, and an open incident as ongoing', async () => {
    const store = new MemoryIncidentStore();
    const open = await startIncident({ store, severity: 'P2', title: 'Slow search', now: start, who: 'oncall' });
    const review = postIncidentReview(open, { now: at(30) });
    assert.deepEqual(review.missing, ['Impact', 'Root Cause', 'Resolution']);
    assert.match(review.text, /- \*\*Duration\*\*: ongoing: 30m so far \(since 2026-11-14 14:25 UTC\)\n/);
    assert.match(review.text, /- \*\*Resolution\*\*: _Not recorded_\n/);
  });
});

describe('runbook incident review', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-review-'));
    copyFileSync(bundledPath, join(dir, 'runbook.md'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (argv: string[]) => runCli(argv, { cwd: dir });

  it("writes the resolved incident's review from its runbook's template, the same bytes each time", async () => {
    const started = await cli(['incident', 'start', '--severity', 'P1', '--title', 'API 5xx spike', '--runbook', 'runbook.md', '--format', 'json']);
    const id = (JSON.parse(started.stdout) as { id: string }).id;
    await cli(['incident', 'note', 'Action: add a canary stage']);
    await cli(['incident', 'resolve', '--summary', 'Rolled back']);
    const written = await cli(['incident', 'review', id, '--output', 'pir/review.md']);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, new RegExp(`Wrote the review of ${id} to pir/review\\.md\\.\\nNot recorded in the journal: Impact, Root Cause`));
    const printed = await cli(['incident', 'review']);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(printed.stdout, readFileSync(join(dir, 'pir', 'review.md'), 'utf8'));
    assert.match(printed.stdout, /## Action Items\n- \[ \] add a canary stage \(@tester\)\n/);
    assert.match(printed.stdout, /## What Went Well\n/);
  });

  it('uses the built-in layout when the runbook has none, and refuses an unknown id (exit 2)', async () => {
    writeFileSync(join(dir, 'plain.md'), '# Plain\n\n- [ ] Do it\n');
    await cli(['incident', 'start', '--severity', 'P2', '--title', 'Plain one', '--runbook', 'plain.md']);
    const review = await cli(['incident', 'review']);
    assert.equal(review.code, 0, review.stderr);
    assert.match(review.stderr, /used the built-in layout/);
    assert.match(review.stdout, /^# Post-Incident Review: INC-/);
    const unknown = await cli(['incident', 'review', 'INC-20990101-0000']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no incident 'INC-20990101-0000'/);
  });
});
