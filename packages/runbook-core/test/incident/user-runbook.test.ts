import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseRunbook } from 'runbook-core';
import {
  findStatusUpdateTemplate,
  formatTimelineTable,
  incidentStatus,
  incidentTimeline,
  loadIncident,
  recordEvent,
  renderStatusUpdate,
  resolveIncident,
  startIncident,
} from '../../src/incident/index.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { useTempWorkspace } from './fixtures/temp-workspace.ts';

const start = new Date('2026-11-14T14:23:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("an incident run from the user's runbook", () => {
  const workspace = useTempWorkspace();

  it('starts with the default id and levels, journals ticks and steps by their parsed ids, and exports', async function () {
    const seedPath = requireMaterial(this, userRunbookPath(), 'user runbook');
    const runbook = parseRunbook(await readFile(seedPath, 'utf8'), { path: `${workspace.path}/runbooks/incident-response.md` });
    const location = { workspace: workspace.path };
    const state = await startIncident({ ...location, runbook, severity: 'P0', title: 'Total platform unavailability', now: start, who: 'oncall' });
    assert.equal(state.id, 'INC-20261114-1423');
    assert.equal(state.runbook, 'runbooks/incident-response.md');
    assert.deepEqual(
      state.severities.map((level) => [level.id, level.responseMinutes]),
      [
        ['P0', 15],
        ['P1', 60],
        ['P2', 240],
        ['P3', undefined],
      ],
    );

    const [acknowledge, assess] = runbook.checklistItems;
    const mitigation = runbook.steps.find((step) => step.section === 'immediate-mitigation-options');
    assert.ok(acknowledge && assess && mitigation);
    const record = (minutes: number, input: Parameters<typeof recordEvent>[1]) =>
      recordEvent(state.id, input, { ...location, now: at(minutes), who: 'oncall' });
    await record(2, { type: 'checklist-ticked', itemId: acknowledge.id, text: acknowledge.text });
    await record(3, { type: 'checklist-ticked', itemId: assess.id, text: assess.text });
    await record(6, {
      type: 'step-started',
      stepId: mitigation.id,
      stepName: mitigation.commands[0]?.heading ?? mitigation.id,
      commands: [0],
      risk: mitigation.risk,
    });
    await record(7, { type: 'step-finished', stepId: mitigation.id, commands: [0], exitCode: 0, durationMs: 35_000, timedOut: false, canceled: false });

    const loaded = await loadIncident(state.id, location);
    assert.deepEqual([...loaded.checklist.keys()], [acknowledge.id, assess.id]);
    assert.equal(loaded.phase, 'mitigating');
    const status = incidentStatus(loaded, at(20));
    assert.deepEqual([status.responseOverdue, status.nextUpdateDueAt, status.updateOverdue], [false, at(15).toISOString(), true]);

    const template = findStatusUpdateTemplate(runbook);
    assert.equal(template?.section, 'status-update-template');
    assert.ok(template);
    const update = renderStatusUpdate(loaded, template, { now: at(20) });
    assert.match(update.text, /^## 🚨 Incident Update - INC-20261114-1423$/m);
    assert.match(update.text, /^\*\*Status\*\*: Mitigating$/m);
    assert.match(update.text, /^\*\*Severity\*\*: P0$/m);
    assert.match(update.text, /^\*\*Start Time\*\*: 2026-11-14 14:23 UTC$/m);
    assert.match(update.text, /^\*\*Duration\*\*: 20m$/m);
    assert.deepEqual(
      update.unfilled.map((slot) => slot.name),
      ['INCIDENT_TRACKING_URL'],
    );

    await resolveIncident(state.id, { ...location, now: at(22), who: 'tech-lead', summary: 'Service restarted' });
    const table = formatTimelineTable(incidentTimeline(await loadIncident(state.id, location)));
    assert.equal(
      table,
      [
        '| Time (UTC) | Event | Action Taken | Team Member |',
        '|------------|-------|--------------|-------------|',
        '| 14:23 | Total platform unavailability | Incident declared (P0 Critical) | @oncall |',
        '| 14:25 | Checklist item done | Acknowledge the incident | @oncall |',
        '| 14:26 | Checklist item done | Assess initial severity and impact | @oncall |',
        '| 14:29 | Step succeeded in 35s | Ran "1. Service Restart" (command 1) | @oncall |',
        '| 14:45 | Incident resolved | Service restarted | @tech-lead |',
        '',
      ].join('\n'),
    );
  });
});
