import assert from 'node:assert/strict';
import type { RunbookMeta, Step } from '../../src/model.ts';
import { findMissingValues, StepValues } from '../../src/session/step-values.ts';

const meta: Pick<RunbookMeta, 'variables'> = {
  variables: {
    REGION: { name: 'REGION', secret: false, required: false, default: 'eu' },
    DB_PASSWORD: { name: 'DB_PASSWORD', secret: true, required: true },
    API_KEY: { name: 'API_KEY', secret: false, required: true },
  },
};

function values(overrides: Partial<ConstructorParameters<typeof StepValues>[0]> = {}): StepValues {
  return new StepValues({ meta, flags: {}, env: {}, incident: {}, journalExports: {}, ...overrides });
}

function step(code: string, reads: string[], exports: string[] = [], name = 'step'): Step {
  return {
    id: name,
    index: 0,
    name,
    lang: 'bash',
    attributes: {},
    options: {},
    code,
    isShell: true,
    commands: [],
    reads,
    writes: exports,
    exports,
    risk: 'read',
  } as unknown as Step;
}

describe('StepValues', () => {
  it('ranks sources: incident, then --var, then exports, then the environment, then defaults', () => {
    const all = values({
      incident: { INCIDENT_ID: 'INC-1' },
      flags: { A: 'flag', INCIDENT_ID: 'flag' },
      journalExports: { A: 'exported', B: 'exported' },
      env: { A: 'env', B: 'env', C: 'env', REGION: 'us' },
    });
    assert.deepEqual(
      ['INCIDENT_ID', 'A', 'B', 'C', 'REGION'].map((name) => all.valueOf(name)),
      ['INC-1', 'flag', 'exported', 'env', 'us'],
    );
    assert.equal(values().valueOf('REGION'), 'eu');
    // A default never shadows the environment in what runStep gets.
    assert.deepEqual(values({ env: { REGION: 'us' } }).variables(), {});
    assert.deepEqual(values().variables(), { REGION: 'eu' });
    // An explicit --var is not overridden by an export.
    assert.deepEqual(values({ flags: { A: 'flag' }, journalExports: { A: 'x', B: 'y' } }).exported(), { B: 'y' });
  });

  it('collects secret values from every source, declared or named like credentials', () => {
    const all = values({ flags: { DB_PASSWORD: 'hunter22' }, env: { GITHUB_TOKEN: 'ghp_value', PWD: '/home/x', API_KEY: 'declared-not-secret' } });
    assert.deepEqual(all.secrets().sort(), ['ghp_value', 'hunter22']);
  });

  it('keeps exports that are secret, or hold a secret, by name only', () => {
    const all = values({ flags: { DB_PASSWORD: 'hunter22' } });
    assert.deepEqual(all.addExports({ CONN: 'postgres://u:hunter22@db', SESSION_TOKEN: 'abc', HOST: 'db' }), [
      { name: 'CONN', secret: true },
      { name: 'SESSION_TOKEN', secret: true },
      { name: 'HOST', secret: false, value: 'db' },
    ]);
    assert.equal(all.valueOf('CONN'), 'postgres://u:hunter22@db');
    assert.ok(all.secrets().includes('abc'));
  });
});

describe('findMissingValues', () => {
  it('skips values given, exported by an earlier chosen step, or always read with a fallback', () => {
    const first = step('export TOKEN_ID=1', [], ['TOKEN_ID'], 'first');
    const second = step('echo "$TOKEN_ID ${LEVEL:-1} $REGION $OTHER ${MIXED:-x} $MIXED"', ['TOKEN_ID', 'LEVEL', 'REGION', 'OTHER', 'MIXED'], [], 'second');
    const missing = findMissingValues(
      [
        { step: first, needed: [] },
        { step: second, needed: second.reads },
      ],
      values(),
      meta,
      [first, second],
    );
    assert.deepEqual(
      missing.map((value) => [value.name, value.readBy]),
      [
        ['OTHER', ['second']],
        ['MIXED', ['second']],
      ],
    );
  });

  it('names the steps that export a missing value', () => {
    const exporter = step('export X=1', [], ['X'], 'exporter');
    const reader = step('echo $X', ['X'], [], 'reader');
    const [missing] = findMissingValues([{ step: reader, needed: ['X'] }], values(), meta, [exporter, reader]);
    assert.deepEqual(missing?.exportedBy, ['exporter']);
  });
});
