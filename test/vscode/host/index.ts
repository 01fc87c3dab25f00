// The extension host's test entry (extensionTestsPath): VS Code calls run()
// and reports its outcome through codeAutomationExit (0 resolved, 1 rejected).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type MochaType from 'mocha';
import type { HostConfig, HostTestResult } from './host-config.ts';

export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(join(__dirname, 'host-config.json'), 'utf8')) as HostConfig;
  const Mocha = createRequire(__filename)(config.mocha) as typeof MochaType;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: Mocha.reporters.Base });
  const specByBuilt = new Map(config.specs.map((spec) => [spec.built, spec.source]));
  for (const spec of config.specs) mocha.addFile(spec.built);

  const results: HostTestResult[] = [];
  const record = (test: MochaType.Runnable, state: HostTestResult['state'], error?: Error): void => {
    results.push({
      spec: specByBuilt.get(test.file ?? '') ?? String(test.file),
      title: test.fullTitle(),
      state,
      ...(error ? { error: error.stack ?? error.message } : {}),
    });
  };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => record(test, 'passed'));
    runner.on('fail', (test, error: Error) => record(test, 'failed', error));
  });
  writeFileSync(config.results, JSON.stringify(results, null, 2));
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
}
