import assert from 'node:assert/strict';
import * as core from 'runbook-core';

describe('runbook-core', () => {
  it('loads through its package name', () => {
    assert.equal(typeof core, 'object');
  });
});
