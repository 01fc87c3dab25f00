// The VS Code extension in a real VS Code (code-server + chromium, see
// test/vscode/): activate() time, CodeLens latency of a 1 MB runbook after a
// one-line edit against the first (full-parse) request in the same window,
// and the bundle sizes.
// Targets (issue 5): activation ≤ 50 ms; CodeLenses after a one-line edit ≤ 20 ms.
//   node --import tsx bench/vscode-extension.bench.ts
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildHostTests, runHostTests } from '../test/vscode/harness/host-tests.ts';
import { openSession } from '../test/vscode/harness/session.ts';

const session = await openSession();
try {
  const built = await buildHostTests('bench', session.dirs.dir('host-bench'));
  const run = await runHostTests(session.browser, session.server, {
    extensionFolder: session.extension.folder,
    entry: built.entry,
    results: built.results,
    workspace: session.workspace,
  });
  const failed = run.results.filter((result) => result.state === 'failed');
  if (failed.length > 0) throw new Error(failed.map((result) => `${result.title}\n${result.error ?? ''}`).join('\n'));
  for (const line of session.browser.measurements()) console.log(line);
  const dist = join(session.extension.folder, 'dist');
  console.log(`bundle: dist/extension.cjs ${statSync(join(dist, 'extension.cjs')).size} bytes`);
  console.log(`bundle: dist/core (js, loaded on first use) ${sizeOf(join(dist, 'core'), (name) => name.endsWith('.js'))} bytes`);
  console.log(`bundle: dist/core (wasm) ${sizeOf(join(dist, 'core'), (name) => name.endsWith('.wasm'))} bytes`);
  console.log(`bundle: .vsix ${statSync(session.extension.vsix).size} bytes`);
} finally {
  await session.dispose();
}

function sizeOf(dir: string, include: (name: string) => boolean): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && include(entry.name))
    .reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0);
}
