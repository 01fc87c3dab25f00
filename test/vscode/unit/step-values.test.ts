import assert from 'node:assert/strict';
import { stepValues } from '../../../packages/vscode-extension/src/run/step-values.ts';
import { parseRunbook } from '../../../packages/runbook-core/src/index.ts';
import { demoRunbook, incidentState } from './core-fixtures.ts';

const withSecret = parseRunbook(`---
variables:
  API_TOKEN:
    secret: true
  REGION:
    default: eu-west-1
---

# Secrets

\`\`\`bash
curl -H "Authorization: Bearer $API_TOKEN" "https://api.example.com/$REGION"
\`\`\`
`);

describe('stepValues (what a step gets)', () => {
  it('takes declared defaults, and the environment over them', () => {
    assert.equal(stepValues(demoRunbook(), undefined, {}).variables.GREETING, 'hello');
    assert.equal(stepValues(demoRunbook(), undefined, { GREETING: 'hi' }).variables.GREETING, 'hi');
  });

  it("gives the incident's values under the INCIDENT_ names, and none outside an incident", () => {
    assert.deepEqual(stepValues(demoRunbook(), incidentState(), {}).incident, {
      INCIDENT_ID: 'INC-20260101-0900',
      INCIDENT_TITLE: 'Disk filling up',
      INCIDENT_SEVERITY: 'P2',
      INCIDENT_STARTED_AT: '2026-01-01T09:00:00.000Z',
    });
    assert.deepEqual(stepValues(demoRunbook(), undefined, {}).incident, {});
  });

  it('lists the values of secret variables for redaction, and only those', () => {
    const values = stepValues(withSecret, undefined, { API_TOKEN: 's3cr3t-token' });
    assert.deepEqual(values.secrets, ['s3cr3t-token']);
    assert.deepEqual(values.variables, { API_TOKEN: 's3cr3t-token', REGION: 'eu-west-1' });
  });
});

describe('stepValues follows the run session order', () => {
  it("an earlier step's export in the incident wins over the environment, as it does when the step runs", () => {
    const state = incidentState();
    state.variables.set('GREETING', { secret: false, value: 'from-export', who: 'tester', time: '2026-01-01T09:05:00.000Z' });
    assert.equal(stepValues(demoRunbook(), state, { GREETING: 'from-env' }).variables.GREETING, 'from-export');
  });
});
