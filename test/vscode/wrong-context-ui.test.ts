import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeKubectl, writeKubeconfig } from '../../packages/runbook-core/test/session/session-fixtures.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { artifactsDir } from './harness/artifacts.ts';
import { openSession, type VscodeSession } from './harness/session.ts';

const fence = '```';

// The bug as reported: the runbook declares production, the kubeconfig's
// current context is staging, and ▶ Run step on `kubectl delete pod x` ran
// against staging. Both contexts point at loopback addresses where nothing
// listens, and the kubectl on VS Code's PATH only leaves a mark.
describe('VS Code UI: the context guard', () => {
  let session: VscodeSession | undefined;
  let marker = '';

  before(async function () {
    this.timeout(30 * 60_000);
    session = await skipWhenToolMissing(this, () =>
      openSession({
        installVsix: true,
        setup: (workspace) => {
          writeFileSync(
            join(workspace, 'wrong-context.md'),
            [
              '---',
              'title: Delete a pod',
              'kubernetes:',
              '  context: production',
              '---',
              '',
              '# Delete the pod',
              '',
              `${fence}bash {name=delete-pod}`,
              'kubectl delete pod x',
              fence,
              '',
            ].join('\n'),
          );
          const kube = join(workspace, '..', 'kube');
          mkdirSync(kube, { recursive: true });
          marker = join(kube, 'kubectl-ran');
          return { KUBECONFIG: writeKubeconfig(kube, 'staging'), PATH: `${fakeKubectl(kube, marker)}:${process.env.PATH}` };
        },
      }),
    );
  });

  after(async function () {
    this.timeout(60_000);
    await session?.dispose();
  });

  it('refuses ▶ Run step on a step that would hit another context, naming both; nothing runs', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    await page.goto(`${session.server.url}?folder=${encodeURIComponent(session.workspace)}`, { timeout: 120_000 });
    await page.getByRole('treeitem', { name: 'wrong-context.md' }).click({ timeout: 60_000 });
    await page.locator('.codelens-decoration a', { hasText: '▶ Run step' }).first().click({ timeout: 60_000 });

    const toast = page.locator('.notification-toast', { hasText: 'Runbook:' }).first();
    try {
      await toast.waitFor({ timeout: 60_000 });
    } finally {
      await page.screenshot({ path: join(artifactsDir(), 'wrong-context-after-click.png') });
    }
    const text = (await toast.textContent()) ?? '';
    assert.match(text, /refused/, text);
    assert.match(text, /'production'/);
    assert.match(text, /'staging'/);
    assert.match(text, /kubectl delete pod x/);
    const screenshot = join(artifactsDir(), 'wrong-context-refused.png');
    await page.screenshot({ path: screenshot });
    assert.ok(statSync(screenshot).size > 0);
    assert.equal(existsSync(marker), false, 'kubectl ran');
  });
});
