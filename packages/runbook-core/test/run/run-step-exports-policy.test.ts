import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maxExportBytes, maxExportsTotalBytes } from '../../src/run/export-policy.ts';
import { runStep } from '../../src/run/index.ts';
import { makeStep } from './make-step.ts';
import { useTempDir } from './temp-dir.ts';

describe('runStep: exports are data, not configuration', () => {
  const dir = useTempDir();

  it('never carries a name that changes how shells, loaders or runtimes start, and says why', async () => {
    const marker = join(dir.path, 'PWNED');
    const payload = join(dir.path, 'payload.sh');
    writeFileSync(payload, `touch ${marker}\n`);
    chmodSync(payload, 0o755);
    const exporting = makeStep({
      code: [
        `export BASH_ENV=${payload} ENV=${payload}`,
        `export PROMPT_COMMAND=". ${payload}" PS4='$(. ${payload})'`,
        `export LD_PRELOAD=${join(dir.path, 'evil.so')} NODE_OPTIONS="--require ${payload}"`,
        `export PATH="${dir.path}:$PATH" IFS=/`,
        "export BASH_FUNC_echo%%='() { touch PWNED; }'",
        'export TICKET=INC-42',
        '',
      ].join('\n'),
    });
    const first = await runStep(exporting, { runbookDir: dir.path });
    assert.equal(first.exitCode, 0, first.message);
    assert.deepEqual(first.exported, { TICKET: 'INC-42' });
    const dropped = new Map(first.droppedExports?.map((entry) => [entry.name, entry.reason]));
    for (const name of ['BASH_ENV', 'ENV', 'PROMPT_COMMAND', 'PS4', 'LD_PRELOAD', 'NODE_OPTIONS', 'PATH', 'IFS']) {
      assert.match(dropped.get(name) ?? '', new RegExp(`^not carried to later steps: ${name} `), name);
    }
    assert.match(dropped.get('BASH_ENV') ?? '', /runs code when a shell starts/);
    assert.ok(!JSON.stringify(first.droppedExports).includes(payload), 'values never appear in reasons');

    // The next steps — bash, sh, node — start clean, even when given the dropped names directly.
    const next = [
      makeStep({ code: 'set -x\necho "$TICKET"\n' }),
      makeStep({ lang: 'sh', code: 'echo "$TICKET"\n' }),
      makeStep({ lang: 'js', code: 'console.log(process.env.TICKET)\n' }),
    ];
    const given = { ...first.exported, BASH_ENV: payload, ENV: payload, NODE_OPTIONS: `--require ${payload}`, PS4: `$(. ${payload})` };
    for (const step of next) {
      const result = await runStep(step, { runbookDir: dir.path, exported: given });
      assert.equal(result.exitCode, 0, result.message);
      assert.match(result.stdout, /INC-42/);
    }
    assert.equal(existsSync(marker), false);
  });

  it('drops a value over the size limit with a clear reason, and the next step still runs', async () => {
    const step = makeStep({ code: `export BIG="$(head -c ${1024 * 1024} /dev/zero | tr '\\0' x)"\nexport SMALL=ok\n` });
    const first = await runStep(step);
    assert.equal(first.exitCode, 0, first.message);
    assert.deepEqual(first.exported, { SMALL: 'ok' });
    assert.deepEqual(first.droppedExports, [
      { name: 'BIG', reason: `not carried to later steps: its value is ${1024 * 1024} bytes, over the limit of ${maxExportBytes} for one exported value` },
    ]);
    const second = await runStep(makeStep({ code: 'echo "$SMALL"\n' }), { exported: first.exported });
    assert.equal(second.stdout, 'ok\n');
  });

  it('keeps the total of what one step carries bounded', async () => {
    const each = maxExportBytes - 1;
    const count = Math.ceil(maxExportsTotalBytes / each) + 1;
    const code = `chunk="$(head -c ${each} /dev/zero | tr '\\0' y)"\n${Array.from({ length: count }, (_, index) => `export PART${index}="$chunk"`).join('\n')}\n`;
    const result = await runStep(makeStep({ code }));
    assert.equal(result.exitCode, 0, result.message);
    const carried = Object.values(result.exported).reduce((total, value) => total + value.length, 0);
    assert.ok(carried <= maxExportsTotalBytes, `${carried} bytes carried`);
    assert.ok((result.droppedExports?.length ?? 0) >= 1);
    assert.match(result.droppedExports?.[0]?.reason ?? '', /pass the limit of \d+ bytes in all/);
  });

  it('marks as secret an export holding a secret, plain or base64, hex or URL encoded', async () => {
    const token = 'tok/3f9a+7c1e=55&x';
    const code = [
      'export BEARER="Bearer $API_TOKEN"',
      'export BASIC="$(printf "ci:%s" "$API_TOKEN" | base64 -w0)"',
      'export BASIC_URLSAFE="$(printf "user-%s" "$API_TOKEN" | base64 -w0 | tr "+/" "-_")"',
      'export HEX="$(printf "%s" "$API_TOKEN" | od -An -tx1 | tr -d " \\n")"',
      'export QUERY="token=$(node -e \'process.stdout.write(encodeURIComponent(process.argv[1]))\' "$API_TOKEN")"',
      'export REGION=eu-west-1',
      '',
    ].join('\n');
    const result = await runStep(makeStep({ code }), { env: { API_TOKEN: token }, secrets: [token] });
    assert.equal(result.exitCode, 0, result.message);
    assert.deepEqual(result.secretExports?.sort(), ['BASIC', 'BASIC_URLSAFE', 'BEARER', 'HEX', 'QUERY']);
    assert.equal(result.exported.REGION, 'eu-west-1');
  });
});
