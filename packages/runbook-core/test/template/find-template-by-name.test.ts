import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseRunbook } from '../../src/parse/index.ts';
import { findTemplateByName, templateCallName, templateHeadings } from '../../src/template/index.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';

const bundledPath = new URL('../../../../runbooks/smartcloudops-incident-response.md', import.meta.url).pathname;

describe('templates by name', () => {
  it("finds the user's templates by the names people type, though the file names none", function () {
    const source = readFileSync(requireMaterial(this, userRunbookPath(), 'user runbook'), 'utf8');
    const runbook = parseRunbook(source);
    const headingOf = (wanted: string) => {
      const found = findTemplateByName(runbook, wanted, source);
      assert.equal(found.kind, 'found', `${wanted}: ${found.kind}`);
      return found.kind === 'found' ? found.heading.heading : '';
    };
    assert.equal(headingOf('customer-initial'), 'Initial Notification (P0/P1 incidents)');
    assert.equal(headingOf('resolution'), 'Resolution Notification');
    assert.equal(headingOf('post-incident-review'), 'Post-Incident Review Template');
    assert.equal(headingOf('status-update'), 'Status Update Template');
    assert.equal(headingOf('initial-notification-p0p1-incidents'), 'Initial Notification (P0/P1 incidents)');
    assert.equal(headingOf('customer-communication-templates/81d5061e'), 'Resolution Notification');
    // Both customer templates sit in one section: its slug names neither.
    const both = findTemplateByName(runbook, 'customer-communication-templates', source);
    assert.equal(both.kind, 'ambiguous');
  });

  it('finds the bundled templates by their name attributes', () => {
    const source = readFileSync(bundledPath, 'utf8');
    const runbook = parseRunbook(source);
    const names = templateHeadings(runbook, source).map(templateCallName);
    assert.deepEqual(names, ['status-update', 'customer-initial', 'resolution', 'post-incident-review']);
  });

  it('suggests the closest name for a typo, and nothing for a far miss', () => {
    const source = readFileSync(bundledPath, 'utf8');
    const runbook = parseRunbook(source);
    const typo = findTemplateByName(runbook, 'custmer-inital', source);
    assert.equal(typo.kind === 'missing' ? typo.suggestion : typo.kind, 'customer-initial');
    const far = findTemplateByName(runbook, 'kubernetes', source);
    assert.equal(far.kind, 'missing');
    assert.equal(far.kind === 'missing' ? far.suggestion : 'found', undefined);
  });
});
