import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { globMatcher } from '../../../packages/vscode-extension/src/codelens/glob-pattern.ts';
import { defaultRunbookGlobs, isRunbookDocument, looksLikeRunbook } from '../../../packages/vscode-extension/src/codelens/is-runbook-document.ts';

const readme = '# my-lib\n\n## Install\n\n```bash\nnpm install my-lib\n```\n';

describe('isRunbookDocument (which Markdown files get Run lenses)', () => {
  it("leaves a README's install block alone", () => {
    assert.equal(isRunbookDocument('README.md', readme, defaultRunbookGlobs), false);
    assert.equal(isRunbookDocument('docs/getting-started.md', readme, defaultRunbookGlobs), false);
  });

  it('takes a file with frontmatter, wherever it is, with LF or CRLF, after a byte order mark', () => {
    assert.equal(isRunbookDocument('notes.md', `---\ntitle: Restart\n---\n${readme}`, []), true);
    assert.equal(isRunbookDocument('notes.md', `\uFEFF---\r\ntitle: Restart\r\n---\r\n${readme}`, []), true);
    assert.equal(isRunbookDocument('notes.md', `---\n---\n${readme}`, []), true);
  });

  it('does not take a thematic break, or a frontmatter that never closes, for a frontmatter', () => {
    assert.equal(isRunbookDocument('notes.md', `${readme}\n---\n\nmore\n`, []), false);
    assert.equal(isRunbookDocument('notes.md', `---\ntitle: never closed\n${readme}`, []), false);
  });

  it('takes any file under a runbooks folder, at any depth, with either separator', () => {
    assert.equal(isRunbookDocument('runbooks/restart.md', readme, []), true);
    assert.equal(isRunbookDocument('ops/Runbooks/db/failover.md', readme, []), true);
    assert.equal(isRunbookDocument('ops\\runbooks\\failover.md', readme, []), true);
    assert.equal(isRunbookDocument('my-runbooks-notes.md', readme, []), false);
  });

  it('takes the files the globs name, the defaults naming runbooks and playbooks', () => {
    assert.equal(isRunbookDocument('ops/db-runbook.md', readme, defaultRunbookGlobs), true);
    assert.equal(isRunbookDocument('RUNBOOK.md', readme, defaultRunbookGlobs), true);
    assert.equal(isRunbookDocument('sre/failover-playbook.md', readme, defaultRunbookGlobs), true);
    assert.equal(isRunbookDocument('incident-response.md', readme, defaultRunbookGlobs), false);
    assert.equal(isRunbookDocument('incident-response.md', readme, ['incident-response.md']), true);
    assert.equal(isRunbookDocument('ops/incident-response.md', readme, ['ops/*.md']), true);
    assert.equal(isRunbookDocument('ops/deep/incident-response.md', readme, ['ops/*.md']), false);
    assert.equal(isRunbookDocument('README.md', readme, ['', '  ']), false, 'an empty glob matches nothing');
  });
});

describe('looksLikeRunbook', () => {
  it("reads a runbook's title near the top, not a README's", () => {
    assert.equal(looksLikeRunbook('# SmartCloudOps AI - Incident Response Procedures\n# Phase 3: Production Runbook\n'), true);
    assert.equal(looksLikeRunbook('# Checkout playbook\n'), true);
    assert.equal(looksLikeRunbook('# my-lib\n\n## Install\n\n```bash\nnpm install my-lib\n```\n'), false);
    assert.equal(looksLikeRunbook('# my-lib\n\nSee the runbook in ops/.\n'), false, 'prose mentioning a runbook is not a title');
    assert.equal(looksLikeRunbook(`${'x\n'.repeat(1500)}# Incident response\n`), false, 'only the first lines count');
  });
});

describe('globMatcher', () => {
  it('keeps * and ? within a folder, lets ** span folders, and reads {a,b}', () => {
    const cases: [string, string, boolean][] = [
      ['*.md', 'a/b/c.md', true],
      ['ops/*.md', 'ops/c.md', true],
      ['ops/*.md', 'ops/x/c.md', false],
      ['ops/**/*.md', 'ops/c.md', true],
      ['ops/**/*.md', 'ops/x/y/c.md', true],
      ['ops/**', 'ops/x/y/c.md', true],
      ['**/inc-?.md', 'a/inc-1.md', true],
      ['**/inc-?.md', 'a/inc-12.md', false],
      ['**/*.{md,markdown}', 'a/x.markdown', true],
      ['**/*.{md,markdown}', 'a/x.txt', false],
      ['a+b (1).md', 'a+b (1).md', true],
      ['a+b (1).md', 'aab (1).md', false],
    ];
    for (const [pattern, path, expected] of cases) assert.equal(globMatcher(pattern)(path), expected, `${pattern} on ${path}`);
  });
});

describe('runbook.files in the manifest', () => {
  it('defaults to the globs the code falls back to', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../packages/vscode-extension/package.json', import.meta.url), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['runbook.files']?.default, defaultRunbookGlobs);
  });
});
