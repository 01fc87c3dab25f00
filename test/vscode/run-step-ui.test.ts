import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir } from './harness/artifacts.ts';
import { openSession, type VscodeSession } from './harness/session.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';

// Through the UI, as a user meets it: the .vsix installed into VS Code, the
// runbook opened from the Explorer, the lens clicked.
describe('VS Code UI: ▶ Run step', () => {
  let session: VscodeSession | undefined;

  before(async function () {
    // A cold machine installs code-server and chromium first (minutes).
    this.timeout(30 * 60_000);
    session = await skipWhenToolMissing(this, () => openSession({ installVsix: true }));
  });

  after(async function () {
    this.timeout(60_000);
    await session?.dispose();
  });

  it('runs the step when its lens is clicked, and leaves a screenshot', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    await page.goto(`${session.server.url}?folder=${encodeURIComponent(session.workspace)}`);

    await page.getByRole('treeitem', { name: 'demo.md' }).click({ timeout: 60_000 });
    const lens = page.locator('.codelens-decoration a', { hasText: '▶ Run step' }).first();
    await lens.click({ timeout: 60_000 });

    const written = join(session.workspace, 'out.txt');
    await waitFor(() => existsSync(written) && readFileSync(written, 'utf8') === 'hello\n', `${written} to hold "hello"`);

    await saveScreenshot(page, 'run-step-ui.png');
  });

  it('asks before a risky step, naming its commands, and runs nothing when declined', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    const written = join(session.workspace, 'out.txt');
    assert.ok(existsSync(written), 'the first test should have left out.txt');

    // The cursor in the clean-up step, then the command palette, as a keyboard user would.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('42');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F1');
    await page.keyboard.type('Runbook: Run Step');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Runbook: Run Step' }).first().click({ timeout: 60_000 });

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    // Playwright's locator, not a DOM node: innerText is the text a person sees.
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator has no textContent of the same meaning.
    const text = await dialog.innerText();
    assert.match(text, /clean-up/);
    assert.match(text, /rm -f out\.txt/);
    await saveScreenshot(page, 'risk-modal-ui.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The step's terminal reports the refusal once core has settled it.
    await page.locator('.xterm-rows', { hasText: 'refused' }).first().waitFor({ timeout: 60_000 });
    assert.equal(readFileSync(written, 'utf8'), 'hello\n', 'the declined step ran');
  });
});

async function saveScreenshot(page: Page, name: string): Promise<void> {
  const screenshot = join(artifactsDir(), name);
  await page.screenshot({ path: screenshot });
  assert.ok(statSync(screenshot).size > 0, `empty screenshot: ${screenshot}`);
  process.stderr.write(`      screenshot: ${screenshot}\n`);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited 60 s for ${what}`);
}
