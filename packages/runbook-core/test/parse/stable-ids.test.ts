import assert from 'node:assert/strict';
import type { Runbook } from '../../src/model.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { readFixture, useShellGrammar } from './parser-fixtures.ts';

const ids = (runbook: Runbook) => ({
  steps: runbook.steps.map((step) => step.id),
  items: runbook.checklistItems.map((item) => item.id),
  templates: runbook.templates.map((template) => template.id),
});

describe('stable ids', () => {
  useShellGrammar();
  const source = readFixture('restart-api.md');
  const before = () => ids(parseRunbook(source));

  it('survive a line inserted above them', () => {
    const edited = source.replace('# Checkout API\n', '# Checkout API\n\nRead this first: the API runs in two regions.\n');
    assert.notEqual(edited, source);
    assert.deepEqual(ids(parseRunbook(edited)), before());
  });

  it('survive a new section added before and after them', () => {
    const edited = source
      .replace('## Checklist\n', '## Background\n\n- [ ] Read the architecture notes\n\n```bash\nkubectl version\n```\n\n## Checklist\n')
      .replace('## Status update\n', '## Escalation\n\nCall the payments lead.\n\n## Status update\n');
    const after = ids(parseRunbook(edited));
    assert.deepEqual(
      after.items.filter((id) => !id.startsWith('background/')),
      before().items,
    );
    assert.deepEqual(
      after.steps.filter((id) => !id.startsWith('background/')),
      before().steps,
    );
    assert.deepEqual(after.templates, before().templates);
  });

  it('survive another item edited or added, and another step edited', () => {
    const edited = source
      .replace('- [ ] Acknowledge the page', '- [x] Acknowledge the page within 5 minutes')
      .replace('- [ ] Post the first status update', '- [ ] Check the dashboards\n- [ ] Post the first status update')
      .replace('kubectl logs deployment/checkout-api -n checkout --tail=50', 'kubectl logs deployment/checkout-api -n checkout --tail=500');
    const after = ids(parseRunbook(edited));
    const original = before();
    assert.deepEqual(after.items, [
      'checklist/acknowledge-the-page-within-5-minutes',
      ...original.items.slice(1, 3),
      'checklist/check-the-dashboards',
      original.items[3],
    ]);
    assert.notEqual(after.steps[1], original.steps[1]);
    assert.deepEqual([after.steps[0], ...after.steps.slice(2)], [original.steps[0], ...original.steps.slice(2)]);
  });

  it('change when the element itself changes, or its section is renamed; names pin a step', () => {
    const original = before();
    const renamed = ids(parseRunbook(source.replace('## Checklist\n', '## First steps\n')));
    assert.deepEqual(
      renamed.items,
      original.items.map((id) => id.replace('checklist/', 'first-steps/')),
    );
    const recoded = ids(parseRunbook(source.replace('kubectl get pods -n checkout', 'kubectl get pods -n checkout -o wide')));
    assert.equal(recoded.steps[0], 'pods', 'a named step keeps its name as id');
    const unnamedCode = ids(parseRunbook(source.replace('print("checked"', 'print("done"')));
    assert.notEqual(unnamedCode.steps[4], original.steps[4]);
  });

  it('number repeats in document order', () => {
    const runbook = parseRunbook(
      '# S\n\n- [ ] Retry\n- [ ] Retry\n- [ ] Retry\n\n```bash\nls\n```\n\n```bash\nls\n```\n\n```sh {name=go}\nx\n```\n\n```sh {name=go}\ny\n```\n',
    );
    assert.deepEqual(ids(runbook).items, ['s/retry', 's/retry~2', 's/retry~3']);
    assert.deepEqual(ids(runbook).steps, [runbook.steps[0]?.id, `${runbook.steps[0]?.id}~2`, 'go', 'go~2']);
    assert.match(runbook.steps[0]?.id ?? '', /^s\/[0-9a-f]{8}$/);
  });

  it('cut long item texts to 48 characters of slug', () => {
    const runbook = parseRunbook('- [ ] Confirm that every replica of the checkout API reports healthy in all three regions\n- [ ] !!!\n');
    assert.deepEqual(ids(runbook).items, ['confirm-that-every-replica-of-the-checkout-api-r', 'item']);
  });
});
