import assert from 'node:assert/strict';
import * as core from 'runbook-core';
import * as run from '../../src/run/index.ts';

describe('run: public API', () => {
  it("the run area's door exports exactly these values", () => {
    assert.deepEqual(Object.keys(run).sort(), [
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
  });

  it('the package door passes on the same objects, and keeps the redaction internals in', () => {
    const internal = new Set(['MIN_SECRET_LENGTH', 'StreamRedactor', 'redactText']);
    for (const name of Object.keys(run)) {
      const outside = (core as Record<string, unknown>)[name];
      if (internal.has(name)) assert.equal(outside, undefined, name);
      else assert.equal(outside, (run as Record<string, unknown>)[name], name);
    }
  });
});
