import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { TempDirs } from './temp-dirs.ts';

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** The page's recent console lines, for failure messages. */
  consoleTail(): string;
  /** Console lines the in-host tests logged as `measure: …`. */
  measurements(): string[];
  close(): Promise<void>;
}

/** Debian's chromium, headless, with a throw-away profile; never a downloaded browser. */
export async function launchChromium(executablePath: string, dirs: TempDirs): Promise<Browser> {
  const context = await chromium.launchPersistentContext(dirs.dir('chromium/profile'), {
    executablePath,
    headless: true,
    env: dirs.isolatedEnv('chromium'),
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const lines: string[] = [];
  const measurements: string[] = [];
  page.on('console', (message) => {
    const measured = /measure: (.*)/.exec(message.text())?.[1];
    if (measured !== undefined) measurements.push(measured);
    lines.push(`[${message.type()}] ${message.text()}`);
    if (lines.length > 200) lines.shift();
  });
  page.on('pageerror', (error) => lines.push(`[pageerror] ${error.message}`));
  return { context, page, consoleTail: () => lines.slice(-40).join('\n'), measurements: () => measurements, close: () => context.close() };
}
