import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extensionPackage } from './harness/repo-paths.ts';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited' } };
  contributes: { commands: { command: string; title: string }[] };
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(extensionPackage, 'package.json'), 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Command ids as the code declares them: `readonly id = 'runbook.…'` in each command's file. */
function declaredCommandIds(): string[] {
  return sourceFiles(join(extensionPackage, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/readonly id = '(runbook\.[\w.]+)'/g)].map((match) => match[1] ?? ''),
  );
}

describe('VS Code extension manifest', () => {
  it('contributes exactly the commands the code declares, each once', () => {
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    const declared = declaredCommandIds().sort();
    assert.ok(declared.length > 0, 'found no command in the sources');
    assert.deepEqual(contributed, declared);
    assert.equal(new Set(declared).size, declared.length, 'a command id is declared twice');
  });

  it('activates for Markdown and its own commands only, never on startup', () => {
    for (const event of manifest.activationEvents) {
      assert.ok(event === 'onLanguage:markdown' || event.startsWith('onCommand:runbook.'), `unexpected activation event ${event}`);
    }
  });

  it('runs in untrusted folders only in a limited way', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('targets the VS Code API it is typed against, which the test host provides (1.100)', () => {
    const types = manifest.devDependencies['@types/vscode'] ?? '';
    assert.equal(manifest.engines.vscode, `^${types}`);
    assert.ok(types.startsWith('1.100.'), `@types/vscode ${types}`);
    assert.equal(manifest.main, './dist/extension.cjs');
  });
});
