import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { requireMaterial, userRunbookPath } from '../support/external-material.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { artifactsDir } from './harness/artifacts.ts';
import { openSession, type VscodeSession } from './harness/session.ts';

// The user's mitigation block through the UI: six alternatives behind one
// `▶ Run step` lens. The lens asks which one; the modal that follows fits the
// window (title, commands and buttons on screen) and Enter does not run.
describe('VS Code UI: a block of alternatives', () => {
  let session: VscodeSession | undefined;

  before(async function () {
    requireMaterial(this, userRunbookPath(), 'user runbook');
    // A cold machine installs code-server and chromium first (minutes).
    this.timeout(30 * 60_000);
    // A kubeconfig whose current context the (undeclared) block would use, so the guard lets it reach the confirmation.
    const setup = (workspace: string): NodeJS.ProcessEnv => {
      const kubeconfig = join(workspace, 'kubeconfig');
      writeFileSync(
        kubeconfig,
        'apiVersion: v1\nkind: Config\ncurrent-context: prod\ncontexts:\n- name: prod\n  context: { cluster: c, user: u }\nclusters:\n- name: c\n  cluster: { server: "https://127.0.0.1:6443" }\nusers:\n- name: u\n  user: {}\n',
      );
      return { KUBECONFIG: kubeconfig };
    };
    session = await skipWhenToolMissing(this, () => openSession({ installVsix: true, setup }));
  });

  after(async function () {
    this.timeout(60_000);
    await session?.dispose();
  });

  it('asks which alternative, then confirms only its commands in a modal that fits, Enter declining', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    await page.goto(`${session.server.url}?folder=${encodeURIComponent(session.workspace)}`);
    await page.getByRole('treeitem', { name: 'incident-response.md' }).click({ timeout: 60_000 });
    // The mitigation block's fence, in view.
    await page.locator('.monaco-editor .view-lines').first().click({ timeout: 60_000 });
    await page.keyboard.press('Control+G');
    await page.keyboard.type('200');
    await page.keyboard.press('Enter');

    const lens = page.locator('.codelens-decoration a', { hasText: '▶ Run step… (choose 1 of 6 alternatives)' }).first();
    try {
      await lens.click({ timeout: 60_000 });
    } catch (error) {
      await saveScreenshot(page, 'alternatives-no-lens.png');
      const shown = await page.locator('.codelens-decoration a').allInnerTexts();
      throw new Error(`no alternatives lens; lenses shown: ${shown.join(' | ')}`, { cause: error });
    }

    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 60_000 });
    const items = await rows.allInnerTexts();
    assert.equal(items.length, 7, items.join('\n'));
    assert.match(items.at(-1) ?? '', /Run all 7 risky commands/);
    await saveScreenshot(page, 'alternatives-quick-pick.png');
    await rows.filter({ hasText: 'Commands 5-6: 5. Rollback Deployment' }).first().click();

    const dialog = page.locator('.monaco-dialog-box');
    try {
      await dialog.waitFor({ timeout: 60_000 });
    } catch (error) {
      await saveScreenshot(page, 'alternatives-no-modal.png');
      throw error;
    }
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Run DESTRUCTIVE step/);
    assert.match(text, /\[5\] destroy/);
    assert.match(text, /\[6\] destroy/);
    assert.doesNotMatch(text, /\[4\]|\[7\]|\(default\)/);
    assert.match(text, /smartcloudops/);
    // The step has no name attribute: the modal names it by its heading, never by its id.
    assert.match(text, /step "Immediate Mitigation Options"/);
    assert.doesNotMatch(text, /\/[0-9a-f]{8}/, 'the modal shows a step id');
    const viewport = page.viewportSize();
    const box = await dialog.boundingBox();
    assert.ok(viewport && box, 'no dialog box');
    assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `dialog spans ${box.y}–${box.y + box.height} px in a ${viewport.height} px window`);
    process.stderr.write(`      dialog: ${Math.round(box.height)} px tall in a ${viewport.height} px window\n`);
    const run = dialog.getByRole('button', { name: 'Run DESTRUCTIVE step' });
    const runBox = await run.boundingBox();
    assert.ok(runBox && runBox.y + runBox.height <= viewport.height, 'the Run button is off-screen');
    await saveScreenshot(page, 'alternatives-modal.png');

    // Enter presses the default button: for a destructive step it is "Don't run".
    assert.equal(((await dialog.locator(':focus').textContent()) ?? '').trim(), "Don't run");
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('.xterm-rows', { hasText: 'refused' }).first().waitFor({ timeout: 60_000 });
    // The terminal's tab is the step's, by name.
    await page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'Runbook: Immediate Mitigation Options' }).first().waitFor({ timeout: 60_000 });
  });
});

async function saveScreenshot(page: Page, name: string): Promise<void> {
  const screenshot = join(artifactsDir(), name);
  await page.screenshot({ path: screenshot });
  assert.ok(statSync(screenshot).size > 0, `empty screenshot: ${screenshot}`);
  process.stderr.write(`      screenshot: ${screenshot}\n`);
}
