import assert from 'node:assert/strict';
import type { Template } from '../../src/model.ts';
import { findStatusUpdateTemplate, loadIncident, recordEvent, renderStatusUpdate, startIncident } from '../../src/incident/index.ts';
import { MemoryIncidentStore } from './fixtures/memory-incident-store.ts';

// The user's runbook's template, as written there.
const statusTemplate = `## 🚨 Incident Update - \${INCIDENT_ID}

**Status**: [Investigating/Mitigating/Resolved]
**Severity**: P[0-3]
**Start Time**: \${START_TIME}
**Duration**: \${DURATION}

---
*Incident tracking: \${INCIDENT_TRACKING_URL}*
`;

const start = new Date('2026-11-14T14:23:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('filled status update', () => {
  it('fills id, status, severity, start time and duration, and reports what is left', async () => {
    const store = new MemoryIncidentStore();
    const state = await startIncident({ store, severity: 'P1', title: 'API down', now: start, who: 'ana' });
    await recordEvent(state.id, { type: 'step-started', stepId: 'restart', risk: 'mutate' }, { store, now: at(3), who: 'ana' });
    const update = renderStatusUpdate(await loadIncident(state.id, { store }), statusTemplate, { now: at(83) });
    assert.equal(
      update.text,
      `## 🚨 Incident Update - ${state.id}

**Status**: Mitigating
**Severity**: P1
**Start Time**: 2026-11-14 14:23 UTC
**Duration**: 1h 23m

---
*Incident tracking: \${INCIDENT_TRACKING_URL}*
`,
    );
    assert.deepEqual(
      update.unfilled.map((slot) => [slot.name, slot.position.start.line]),
      [['INCIDENT_TRACKING_URL', 9]],
    );
    const withUrl = renderStatusUpdate(state, statusTemplate, { now: at(1), values: { INCIDENT_TRACKING_URL: 'https://t/1' }, phase: 'investigating' });
    assert.deepEqual(withUrl.unfilled, []);
    assert.match(withUrl.text, /\*\*Status\*\*: Investigating\n/);
  });

  it('fills a severity list and leaves a bracket it cannot answer', async () => {
    const state = await startIncident({ store: new MemoryIncidentStore(), severity: 'P0', title: 'x', now: start, who: 'ana' });
    const update = renderStatusUpdate(state, 'Sev [P0/P1/P2/P3], impact [Description of user-facing impact], level P[1-3]', { now: at(5) });
    assert.equal(update.text, 'Sev P0, impact [Description of user-facing impact], level P[1-3]');
    assert.deepEqual(
      update.unfilled.map((slot) => slot.name),
      ['Description of user-facing impact', '1-3'],
    );
  });

  it("finds the runbook's status-update template by its section", () => {
    const template = (section: string, text: string): Template => ({
      id: section,
      index: 0,
      lang: 'markdown',
      text,
      section,
      slots: [],
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      codePosition: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    });
    const templates = [template('post-incident-review-template', '# ${INCIDENT_ID}'), template('status-update-template', statusTemplate)];
    assert.equal(findStatusUpdateTemplate({ templates })?.section, 'status-update-template');
    assert.equal(findStatusUpdateTemplate({ templates: [] }), undefined);
  });
});
