import assert from 'node:assert/strict';
import * as run from '../../src/run/index.ts';
import * as core from 'runbook-core';

describe('run: public API', () => {
  it('exports exactly these values, all through the package door', () => {
    const names = Object.keys(run).sort();
    assert.deepEqual(names, [
      'MIN_SECRET_LENGTH',
      'REDACTED',
      'StepError',
      'StreamRedactor',
      'buildConfirmation',
      'commandIndex',
      'commandNumber',
      'commandNumberList',
      'findAlternatives',
      'planStep',
      'redactText',
      'renderPlan',
      'riskyCommandCount',
      'runIdVariable',
      'runStep',
      'textAboveBlock',
    ]);
    for (const name of names) assert.equal((core as Record<string, unknown>)[name], (run as Record<string, unknown>)[name], name);
  });
});
