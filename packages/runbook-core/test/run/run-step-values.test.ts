import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runStep } from '../../src/run/index.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

const hostile = '$(touch pwned); `touch pwned`; "; touch pwned; \' $HOME \\';

describe('runStep: values through the environment', () => {
  const dir = useTempDir();

  it('gives incident values, variables and exported values to the script', async () => {
    const step = makeStep({ code: 'echo "$INCIDENT_ID $INCIDENT_SEVERITY $INCIDENT_STARTED_AT $NAMESPACE $FROM_BEFORE"\n' });
    const result = await runStep(step, {
      incident: { INCIDENT_ID: 'INC-20250101-0930', INCIDENT_SEVERITY: 'P1', INCIDENT_STARTED_AT: '2025-01-01T09:30:00Z' },
      variables: { NAMESPACE: 'payments' },
      exported: { FROM_BEFORE: 'carried' },
    });
    assert.equal(result.stdout, 'INC-20250101-0930 P1 2025-01-01T09:30:00Z payments carried\n');
  });

  it('lets incident values win over exported ones, exported over variables, variables over env', async () => {
    const step = makeStep({ code: 'echo "$A $B $C"\n' });
    const result = await runStep(step, {
      env: { A: 'env', B: 'env', C: 'env' },
      variables: { A: 'variable', B: 'variable', C: 'variable' },
      exported: { B: 'exported', C: 'exported' },
      incident: { C: 'incident' },
    });
    assert.equal(result.stdout, 'variable exported incident\n');
  });

  it('can start from an empty environment', async () => {
    const result = await runStep(makeStep({ code: 'echo "[${HOME:-}]"\n' }), { extendEnv: false, env: { PATH: process.env.PATH } });
    assert.equal(result.stdout, '[]\n');
  });

  for (const [lang, code] of [
    ['bash', 'echo "$EVIL"\necho $EVIL\neval echo "\\"\\$EVIL\\"" >/dev/null\nprintf "%s\\n" "${EVIL}"\n'],
    ['sh', 'echo "$EVIL"\necho $EVIL\n'],
    ['python', 'import os\nprint(os.environ["EVIL"])\n'],
    ['node', 'console.log(process.env.EVIL)\n'],
  ] as const) {
    it(`passes a hostile value to a ${lang} script as text: nothing in it runs`, async () => {
      const step = makeStep({ lang, code });
      for (const option of ['variables', 'exported', 'incident'] as const) {
        const result = await runStep(step, { runbookDir: dir.path, [option]: { EVIL: hostile } });
        assert.equal(result.exitCode, 0, result.message);
        assert.ok(result.stdout.startsWith(`${hostile}\n`), result.stdout);
      }
      assert.deepEqual(readdirSync(dir.path), []);
      assert.equal(existsSync(join(process.cwd(), 'pwned')), false);
    });
  }
});

describe('runStep: exports carried to the next step (Runme parity)', () => {
  it('returns only what the step exported or changed, never the inherited environment', async () => {
    const step = makeStep({
      code: 'export POD=api-7d9\nNOT_EXPORTED=1\nexport PATH="$PATH:/opt/extra"\nexport UNCHANGED="$UNCHANGED"\ncd /\n',
    });
    const result = await runStep(step, { variables: { UNCHANGED: 'same' } });
    assert.deepEqual(Object.keys(result.exported), ['POD']);
    assert.equal(result.exported.POD, 'api-7d9');
    // PATH changes which programs every later step runs: reported, not carried.
    assert.deepEqual(
      result.droppedExports?.map((dropped) => dropped.name),
      ['PATH'],
    );
  });

  it('makes `export X=…` of one step `$X` in the next, value intact', async () => {
    const value = 'multi\nline "quoted" $dollar `tick` \'single\' ünï \u0001';
    const first = await runStep(makeStep({ code: 'export TICKET="$SOURCE"\nexport LATER=set-by-first\n' }), { variables: { SOURCE: value } });
    assert.deepEqual(first.exported, { TICKET: value, LATER: 'set-by-first' });
    const second = await runStep(makeStep({ code: 'printf "%s|%s" "$TICKET" "$LATER"\n' }), { exported: first.exported });
    assert.equal(second.stdout, `${value}|set-by-first`);
  });

  it('captures exports when the script ends with exit, under errexit, and from sh', async () => {
    const byExit = await runStep(makeStep({ code: 'export A=1\nexit 4\n' }));
    assert.equal(byExit.exitCode, 4);
    assert.deepEqual(byExit.exported, { A: '1' });
    const byErrexit = await runStep(makeStep({ code: 'export B=2\nfalse\nexport C=3\n' }), { errexit: true });
    assert.equal(byErrexit.exitCode, 1);
    assert.deepEqual(byErrexit.exported, { B: '2' });
    const fromSh = await runStep(makeStep({ lang: 'sh', code: "export D='it'\"'\"'s'\n" }));
    assert.deepEqual(fromSh.exported, { D: "it's" });
  });

  it('still captures exports when the step installs its own EXIT trap', async () => {
    const result = await runStep(makeStep({ code: "trap 'echo bye' EXIT\nexport E=5\n" }));
    assert.equal(result.stdout, 'bye\n');
    assert.deepEqual(result.exported, { E: '5' });
  });

  it('does not leak its own bookkeeping variables into the step or its exports', async () => {
    const result = await runStep(makeStep({ code: 'echo "[${RUNBOOK_EXPORTS_FILE:-}]"\n[ -n "$RUNBOOK_RUN_ID" ] && echo has-run-id\n' }));
    assert.equal(result.stdout, '[]\nhas-run-id\n');
    assert.deepEqual(result.exported, {});
  });

  it('has nothing to export from python or node steps', async () => {
    const result = await runStep(makeStep({ lang: 'python', code: 'import os\nos.environ["X"] = "1"\n' }));
    assert.deepEqual(result.exported, {});
  });
});

describe('runStep: the exports listing', () => {
  it('is readable by its owner only, and gone after the run', async () => {
    const step = makeStep({ code: 'export LISTED=1\nlisting="${0%-step.sh}-exports"\nstat -c %a "$listing" "$(dirname "$0")"\necho "$listing"\n' });
    const result = await runStep(step, { variables: { API_TOKEN: 'tkn-secret-value' } });
    const [listingMode, directoryMode, listing] = result.stdout.trim().split('\n');
    assert.equal(listingMode, '600');
    assert.equal(directoryMode, '700');
    assert.equal(existsSync(listing ?? ''), false);
    assert.deepEqual(result.exported, { LISTED: '1' });
  });
});
