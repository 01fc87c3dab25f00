import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { runCli } from './cli-harness.ts';

const bundled = new URL('../../../../runbooks/smartcloudops-incident-response.md', import.meta.url).pathname;

/** The same checks on the user's own runbook and on the project's version of it. */
const runbooks: Array<{ what: string; path: (context: Mocha.Context) => string }> = [
  { what: "the user's runbook", path: (context) => requireMaterial(context, userRunbookPath(), 'user runbook') },
  { what: 'the bundled runbook', path: () => bundled },
];

for (const { what, path } of runbooks) {
  describe(`runbook render on ${what}`, () => {
    let dir = '';
    beforeEach(function () {
      const source = path(this);
      dir = mkdtempSync(join(tmpdir(), 'runbook-render-'));
      copyFileSync(source, join(dir, 'runbook.md'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const cli = (argv: string[], options: { interactive?: boolean; input?: string } = {}) => runCli(argv, { cwd: dir, ...options });

    async function resolvedIncident(): Promise<string> {
      const started = await cli(['incident', 'start', '--severity', 'P1', '--title', 'API 5xx spike', '--runbook', 'runbook.md', '--format', 'json']);
      assert.equal(started.code, 0, started.stderr);
      const id = (JSON.parse(started.stdout) as { id: string }).id;
      assert.equal((await cli(['incident', 'note', 'Root cause: a bad deploy of 4.2.1'])).code, 0);
      assert.equal((await cli(['incident', 'note', 'Impact: 40% of API calls failed'])).code, 0);
      assert.equal((await cli(['incident', 'resolve', '--summary', 'Rolled back 4.2.1'])).code, 0);
      return id;
    }

    it('lists every template by the name to type, its heading and its slots', async () => {
      const result = await cli(['render', 'runbook.md', '--list', '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      const list = JSON.parse(result.stdout) as Array<{ name: string; heading: string; slots: string[] }>;
      assert.equal(list.length, 4);
      const resolution = list.find((entry) => /resolution/i.test(entry.heading) || entry.name === 'resolution');
      assert.ok(resolution, JSON.stringify(list));
      assert.ok(resolution.slots.includes('[Total downtime]'));
    });

    for (const name of ['customer-initial', 'resolution', 'post-incident-review', 'status-update']) {
      it(`renders ${name} after resolve with no empty slot (--strict exits 0)`, async () => {
        const id = await resolvedIncident();
        const result = await cli([
          'render',
          'runbook.md',
          name,
          '--strict',
          '--fill',
          'Impact=40% of API calls failed',
          '--fill',
          'INCIDENT_TRACKING_URL=https://t/1',
        ]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, new RegExp(`using the latest, ${id} \\(resolved\\)`));
        assert.doesNotMatch(result.stderr, /left empty/);
        assert.doesNotMatch(
          result.stdout,
          /\$\{[A-Z_]+\}|\[(Total downtime|Brief description|What was done to fix it|Brief explanation|Description of user-facing impact)\]/,
        );
        if (name === 'resolution') {
          assert.match(
            result.stdout,
            /\*\*Issue\*\*: API 5xx spike\n\*\*Duration\*\*: \d+s\n\*\*Resolution\*\*: Rolled back 4\.2\.1\n\*\*Root Cause\*\*: a bad deploy of 4\.2\.1\n/,
          );
        }
        if (name === 'post-incident-review') {
          assert.match(result.stdout, new RegExp(`^# Post-Incident Review: ${id}\\n`));
          assert.match(result.stdout, /\| \d\d:\d\d \| Incident resolved \| Rolled back 4\.2\.1 \| @tester \|/);
          assert.doesNotMatch(result.stdout, /Alert fired|_Not recorded_/);
        }
        if (name === 'status-update') assert.match(result.stdout, /\*\*Status\*\*: Resolved\n/);
      });
    }

    it('says which slots are empty, and --strict exits 1 for them', async () => {
      await cli(['incident', 'start', '--severity', 'P1', '--title', 'API 5xx spike', '--runbook', 'runbook.md']);
      await cli(['incident', 'resolve', '--summary', 'Rolled back 4.2.1']);
      const loose = await cli(['render', 'runbook.md', 'customer-initial']);
      assert.equal(loose.code, 0);
      const strict = await cli(['render', 'runbook.md', 'customer-initial', '--strict']);
      assert.equal(strict.code, 1);
      assert.match(strict.stderr, /1 slot left empty .*\n {2}runbook\.md:\d+:\d+ {2}\[Description of user-facing impact\]\n/);
      assert.match(strict.stdout, /\*\*Impact\*\*: \[Description of user-facing impact\]/);
    });

    it('fills from --fill-file, and --fill wins over it', async () => {
      await resolvedIncident();
      writeFileSync(join(dir, 'fills.txt'), '# answers\nImpact = from the file\nBrief description=ignored: the label wins\n');
      const fromFile = await cli(['render', 'runbook.md', 'customer-initial', '--fill-file', 'fills.txt']);
      assert.match(fromFile.stdout, /\*\*Impact\*\*: from the file\n/);
      const both = await cli(['render', 'runbook.md', 'customer-initial', '--fill-file', 'fills.txt', '--fill', 'impact=from the flag']);
      assert.match(both.stdout, /\*\*Impact\*\*: from the flag\n/);
      const bad = await cli(['render', 'runbook.md', 'customer-initial', '--fill', 'no equals sign']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--fill: expected KEY=value/);
    });

    it('asks on a terminal for each slot left, an empty answer leaving it', async () => {
      await cli(['incident', 'start', '--severity', 'P1', '--title', 'API 5xx spike', '--runbook', 'runbook.md']);
      const asked = await cli(['render', 'runbook.md', 'resolution'], { interactive: true, input: 'Fixed the config\n\n' });
      assert.equal(asked.code, 0, asked.stderr);
      assert.match(asked.stderr, /\[What was done to fix it\]: /);
      assert.match(asked.stdout, /\*\*Resolution\*\*: Fixed the config\n\*\*Root Cause\*\*: \[Brief explanation\]\n/);
      // Open: the duration runs to now, and the issue is the incident's title.
      assert.match(asked.stdout, /\*\*Issue\*\*: API 5xx spike\n\*\*Duration\*\*: \d+s\n/);
    });

    it('suggests the closest name for a mistyped one (exit 2), and old hash ids keep working', async () => {
      const typo = await cli(['render', 'runbook.md', 'resolutoin']);
      assert.equal(typo.code, 2);
      assert.match(typo.stderr, /no template 'resolutoin' in runbook\.md \(did you mean '[a-z-]*resolution[a-z-]*'\?\)/);
      const list = JSON.parse((await cli(['render', 'runbook.md', '--list', '--format', 'json'])).stdout) as Array<{ id: string; heading: string }>;
      for (const entry of list) {
        const byId = await cli(['render', 'runbook.md', entry.id]);
        assert.equal(byId.code, 0, `${entry.id}: ${byId.stderr}`);
      }
    });
  });
}
