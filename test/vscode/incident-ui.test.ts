import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { until } from '../kubernetes/world.ts';
import { skipWhenToolMissing } from '../support/system-tools.ts';
import { artifactsDir } from './harness/artifacts.ts';
import { openSession, type VscodeSession } from './harness/session.ts';

interface JournalLine {
  type: string;
  [field: string]: unknown;
}

// An incident as a user lives it in the editor, through the installed .vsix:
// started from the palette, an item ticked by one click on its lens, resolved,
// then still reachable: its timeline exported, and switched to from a picker
// that reads like a person wrote it.
describe('VS Code UI: an incident from tick to timeline', () => {
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

  const incidentsDir = (): string => join(session?.workspace ?? '', '.runbook', 'incidents');
  const incidentId = (): string | undefined => (existsSync(incidentsDir()) ? readdirSync(incidentsDir())[0] : undefined);
  const journal = (id: string): JournalLine[] =>
    readFileSync(join(incidentsDir(), id, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JournalLine);
  /** `.runbook/current`: the current incident's id, absent when none is. */
  const currentPointer = (): string | undefined => {
    const file = join(session?.workspace ?? '', '.runbook', 'current');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
  };

  it('ticks a checklist item with one click on its lens: the journal has it, the file does not, the lens reads ☑ Untick', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    await page.goto(`${session.server.url}?folder=${encodeURIComponent(session.workspace)}`);
    await page.getByRole('treeitem', { name: 'demo.md' }).click({ timeout: 60_000 });
    await page.locator('.codelens-decoration a', { hasText: '▶ Run step' }).first().waitFor({ timeout: 60_000 });

    await runFromPalette(page, 'Runbook: Start Incident');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'P2' }).first().click({ timeout: 60_000 });
    // The same widget turns into the title's input box: type only once it has.
    await page.locator('.quick-input-title', { hasText: 'what is happening?' }).waitFor({ timeout: 60_000 });
    await page.keyboard.type('Disk filling up');
    await page.keyboard.press('Enter');
    const id = await until(incidentId);

    const tick = page.locator('.codelens-decoration a', { hasText: '☐ Tick' });
    await tick.first().waitFor({ timeout: 60_000 });
    assert.equal(await tick.count(), 2, 'one Tick lens per checklist item');
    await tick.first().click();

    const ticked = await until(() => journal(id).find((event) => event.type === 'checklist-ticked'));
    assert.equal(ticked.itemId, 'checklist/say-hello');
    await page.locator('.codelens-decoration a', { hasText: '☑ Untick' }).first().waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.codelens-decoration a', { hasText: '☐ Tick' }).count(), 1, 'the other item stays unticked');
    assert.match(readFileSync(join(session.workspace, 'demo.md'), 'utf8'), /^- \[ \] Say hello$/m, 'the file was rewritten');
    await saveScreenshot(page, 'incident-ticked-ui.png');
  });

  it('exports the timeline of the resolved incident and switches back to it from a readable picker', async function () {
    this.timeout(5 * 60_000);
    assert.ok(session);
    const { page } = session.browser;
    const id = incidentId();
    assert.ok(id, 'the first test should have started an incident');

    await runFromPalette(page, 'Runbook: Resolve Incident');
    await page.locator('.quick-input-title', { hasText: `Resolve ${id}` }).waitFor({ timeout: 60_000 });
    await page.keyboard.type('Cleaned up');
    await page.keyboard.press('Enter');
    await until(() => journal(id).some((event) => event.type === 'resolved'));
    await until(() => currentPointer() === undefined);
    // The lenses go once no incident is open: ticks belong to an open one.
    await page.locator('.codelens-decoration a', { hasText: 'Untick' }).first().waitFor({ state: 'detached', timeout: 60_000 });

    await runFromPalette(page, 'Runbook: Export Timeline');
    const heading = page.locator('.monaco-editor .view-lines', { hasText: `Timeline of ${id}` });
    await heading.first().waitFor({ timeout: 60_000 });
    // Monaco draws spaces as no-break spaces.
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator has no textContent of the same meaning.
    const timeline = (await heading.first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(timeline, /Disk filling up \(resolved\)/);
    assert.match(timeline, /Say hello/, 'the tick is on the timeline');
    await saveScreenshot(page, 'incident-timeline-ui.png');

    await runFromPalette(page, 'Runbook: Switch Incident');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Disk filling up' }).first();
    await row.waitFor({ timeout: 60_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: as above.
    const shown = (await row.innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /P2 · resolved/);
    assert.match(shown, /started \d\d:\d\d \((just now|\d+ min ago)\)/);
    assert.doesNotMatch(shown, /\d{4}-\d\d-\d\dT/, 'a raw ISO timestamp');
    await saveScreenshot(page, 'incident-switch-ui.png');
    await row.click();
    await until(() => currentPointer() === id);
    await page
      .locator('.statusbar-item', { hasText: `${id} · P2 · resolved` })
      .first()
      .waitFor({ timeout: 60_000 });
  });
});

/** Runs a command as a keyboard user would: F1, its title, its row. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('F1');
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 60_000 });
}

async function saveScreenshot(page: Page, name: string): Promise<void> {
  const screenshot = join(artifactsDir(), name);
  await page.screenshot({ path: screenshot });
  assert.ok(statSync(screenshot).size > 0, `empty screenshot: ${screenshot}`);
  process.stderr.write(`      screenshot: ${screenshot}\n`);
}
