import assert from 'node:assert/strict';
import { loadIncident, recordEvent, resolveIncident, startIncident, type IncidentState } from '../../src/incident/index.ts';
import { renderIncidentTemplate } from '../../src/incident/incident-template.ts';
import { MemoryIncidentStore } from '../incident/fixtures/memory-incident-store.ts';

const start = new Date('2026-11-14T14:25:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

const resolution = `**Issue**: [Brief description]
**Duration**: [Total downtime]
**Resolution**: [What was done to fix it]
**Root Cause**: [Brief explanation]
**Impact**: [Description of user-facing impact]`;

async function incident(resolve: boolean): Promise<IncidentState> {
  const store = new MemoryIncidentStore();
  const state = await startIncident({ store, severity: 'P1', title: 'API 5xx spike', now: start, who: 'ana' });
  await recordEvent(state.id, { type: 'note', text: 'Root cause: pool exhausted' }, { store, now: at(5), who: 'ana' });
  if (resolve) await resolveIncident(state.id, { store, now: at(65), who: 'ana', summary: 'Rolled back' });
  return loadIncident(state.id, { store });
}

describe('renderIncidentTemplate', () => {
  it('fills brackets by their label from the incident: total downtime once resolved, live while open', async () => {
    const resolved = renderIncidentTemplate(resolution, { state: await incident(true), now: at(500) });
    assert.equal(
      resolved.text,
      '**Issue**: API 5xx spike\n**Duration**: 1h 5m\n**Resolution**: Rolled back\n**Root Cause**: pool exhausted\n**Impact**: [Description of user-facing impact]',
    );
    assert.deepEqual(
      resolved.unfilled.map((slot) => slot.raw),
      ['[Description of user-facing impact]'],
    );
    const open = renderIncidentTemplate(resolution, { state: await incident(false), now: at(20) });
    assert.match(open.text, /\*\*Duration\*\*: 20m\n\*\*Resolution\*\*: \[What was done to fix it\]/);
  });

  it('takes fills by label or bracket text over the incident, and never expands a value again', async () => {
    const hostile = '${INCIDENT_ID} [Total downtime] $(rm -rf /)';
    const rendered = renderIncidentTemplate(resolution, {
      state: await incident(true),
      fills: { impact: hostile, 'What was done to fix it': 'Restarted' },
    });
    assert.match(rendered.text, /\*\*Resolution\*\*: Restarted\n/);
    assert.ok(rendered.text.endsWith(`**Impact**: ${hostile}`));
  });

  it('names the people holding roles when the incident records them (state.roles)', async () => {
    const state = { ...(await incident(false)), roles: { commander: 'ana', lead: 'Bo Li' } } as IncidentState;
    const rendered = renderIncidentTemplate(
      '- Incident Commander: @username\n- Technical Lead: @username\n- Communications Lead: @username\nIC ${INCIDENT_COMMANDER}',
      {
        state,
        now: at(1),
      },
    );
    assert.equal(rendered.text, '- Incident Commander: @ana\n- Technical Lead: Bo Li\n- Communications Lead: @username\nIC ana');
  });

  it('reads a hostile template (a line of 200,000 spaces before a bracket) and leaves it as written', () => {
    const text = `**Impact**:${' '.repeat(200_000)}x [Brief description]\n- Incident Commander:${' '.repeat(200_000)}@username`;
    const rendered = renderIncidentTemplate(text, { fills: { Impact: 'never used: the label is not the field' } });
    assert.equal(rendered.text, text);
    assert.deepEqual(
      rendered.unfilled.map((slot) => slot.raw),
      ['[Brief description]'],
    );
  });

  it('without an incident, fills only what it is given', () => {
    const rendered = renderIncidentTemplate(resolution, { fills: { Duration: '2h' } });
    assert.match(rendered.text, /\*\*Duration\*\*: 2h\n\*\*Resolution\*\*: \[What was done to fix it\]/);
    assert.equal(rendered.unfilled.length, 4);
  });
});
