import assert from 'node:assert/strict';
import type { HostTestResult } from '../host/host-config.ts';
import { buildHostTests, hostSpecNames, runHostTests, type HostRun, type HostSuite } from './host-tests.ts';
import { requireMaterial, userRunbookPath } from '../../support/external-material.ts';
import { skipWhenToolMissing } from '../../support/system-tools.ts';
import { buildableSpecNames, needsUserRunbook } from './host-tests.ts';
import { openSession, type VscodeSession } from './session.ts';

/**
 * Runs a suite of in-host specs in one VS Code window and reports each spec
 * file as a test here, with the host's failures as the reason.
 */
export function describeHostSuite(title: string, suite: HostSuite, options: { workspaceTrust: boolean }): void {
  describe(title, () => {
    let session: VscodeSession | undefined;
    let run: HostRun | undefined;

    before(async function () {
      // A cold machine installs code-server and chromium first (minutes).
      this.timeout(30 * 60_000);
      session = await skipWhenToolMissing(this, () => openSession({ workspaceTrust: options.workspaceTrust }));
      const start = performance.now();
      const built = await buildHostTests(suite, session.dirs.dir('host-tests'));
      run = await runHostTests(session.browser, session.server, {
        extensionFolder: session.extension.folder,
        entry: built.entry,
        results: built.results,
        workspace: session.workspace,
      });
      session.timings['host-tests'] = Math.round(performance.now() - start) / 1000;
      process.stderr.write(`      vscode ${suite} session, seconds per phase: ${JSON.stringify(session.timings)}\n`);
      for (const line of session.browser.measurements()) process.stderr.write(`      ${line}\n`);
    });

    after(async function () {
      this.timeout(60_000);
      await session?.dispose();
    });

    const built = new Set(buildableSpecNames(suite));
    for (const spec of hostSpecNames(suite)) {
      it(spec, function () {
        if (!built.has(spec) && needsUserRunbook(spec)) requireMaterial(this, userRunbookPath(), 'user runbook');
        assert.ok(run, 'the host did not run');
        const mine = run.results.filter((result) => result.spec === spec);
        assert.ok(mine.length > 0, `no test of ${spec} ran in the host (exit ${run.exitCode})`);
        const failed = mine.filter((result) => result.state === 'failed');
        if (failed.length > 0) assert.fail(failed.map(describeFailure).join('\n\n'));
      });
    }

    it('host exit code', () => {
      assert.ok(run, 'the host did not run');
      assert.equal(run.exitCode, run.results.some((result) => result.state === 'failed') ? 1 : 0);
    });
  });
}

function describeFailure(result: HostTestResult): string {
  return `${result.title}\n${result.error ?? ''}`;
}
