import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { textAt, useShellGrammar } from './parser-fixtures.ts';

describe('templates and diagrams', () => {
  useShellGrammar();

  it('takes untagged, text and Markdown blocks with slots as templates; without slots they are steps', () => {
    const source = [
      '# Notify',
      '',
      '```md {name=status-update}',
      '- [ ] not a slot, [a link](https://x) not one, ![img](y) neither',
      'Status: [Investigating/Resolved] since ${START_TIME}',
      '[ref]: https://example.com',
      '```',
      '',
      '```text',
      'plain output, nothing to fill',
      '```',
      '',
      '```',
      'Subject: [Action Required] Outage',
      'Subject: [Incident title]',
      'Hello [Customer name],',
      '```',
      '',
      '```mermaid',
      'graph TD; A[Start] --> B[End]',
      '```',
    ].join('\n');
    const runbook = parseRunbook(source);
    assert.deepEqual(
      runbook.templates.map((template) => [template.id, template.name, template.lang, template.slots.map((slot) => slot.raw)]),
      [
        ['status-update', 'status-update', 'md', ['[Investigating/Resolved]', '${START_TIME}']],
        [`notify/${runbook.templates[1]?.id.split('/')[1]}`, undefined, '', ['[Incident title]', '[Customer name]']],
      ],
    );
    for (const template of runbook.templates) {
      for (const slot of template.slots) assert.equal(textAt(source, slot.position), slot.raw);
    }
    assert.deepEqual(
      runbook.steps.map((step) => [step.lang, step.risk, step.commands[0]?.riskReason]),
      [['text', 'mutate', 'unanalysed text code']],
    );
    assert.deepEqual(
      runbook.diagrams.map((diagram) => [diagram.lang, diagram.section, diagram.code]),
      [['mermaid', 'notify', 'graph TD; A[Start] --> B[End]']],
    );
  });
});
