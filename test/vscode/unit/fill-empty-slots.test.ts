import assert from 'node:assert/strict';
import type { TemplateSlot } from '../../../packages/runbook-core/src/index.ts';
import { renderTemplate } from '../../../packages/runbook-core/src/template/index.ts';
import { fillEmptySlots } from '../../../packages/vscode-extension/src/commands/fill-empty-slots.ts';

const notice = [
  'Subject: [RESOLVED] Service Disruption - ${INCIDENT_ID}',
  '',
  '**Impact**: [Description of user-facing impact]',
  '**Resolution**: [What was done to fix it]',
  '**Again**: [Description of user-facing impact]',
  'Tracking: ${TRACKING_URL}',
].join('\n');

const render = (fills: Record<string, string>) => renderTemplate(notice, { INCIDENT_ID: 'INC-1', ...fills }, { placeholders: fills });

/** Answers from a list, in order; records what was asked. */
function scripted(answers: (string | undefined)[]): {
  asked: string[];
  ask: (slot: TemplateSlot, index: number, count: number) => Promise<string | undefined>;
} {
  const asked: string[] = [];
  return {
    asked,
    ask: (slot, index, count) => {
      asked.push(`${index + 1}/${count} ${slot.raw}`);
      return Promise.resolve(answers[index]);
    },
  };
}

describe('fillEmptySlots (the editor offers fills)', () => {
  it('asks once per distinct empty slot, in order, and fills every place it appears', async () => {
    const { asked, ask } = scripted(['Checkout failed for 20% of users', 'Rolled back 1.4.2', 'https://status.example/1']);
    const { rendered, empty } = await fillEmptySlots(render, ask);
    assert.deepEqual(asked, ['1/3 [Description of user-facing impact]', '2/3 [What was done to fix it]', '3/3 ${TRACKING_URL}']);
    assert.deepEqual(empty, []);
    assert.equal(
      rendered.text,
      [
        'Subject: [RESOLVED] Service Disruption - INC-1',
        '',
        '**Impact**: Checkout failed for 20% of users',
        '**Resolution**: Rolled back 1.4.2',
        '**Again**: Checkout failed for 20% of users',
        'Tracking: https://status.example/1',
      ].join('\n'),
    );
  });

  it('keeps a slot empty on Escape or a blank answer, and says which', async () => {
    const { ask } = scripted([undefined, '   ', 'https://status.example/1']);
    const { rendered, empty } = await fillEmptySlots(render, ask);
    assert.deepEqual(empty, ['[Description of user-facing impact]', '[What was done to fix it]']);
    assert.match(rendered.text, /\*\*Impact\*\*: \[Description of user-facing impact\]/);
    assert.match(rendered.text, /Tracking: https:\/\/status\.example\/1/);
  });

  it('asks only for what the given fills leave, and nothing when told not to ask', async () => {
    const given = { 'What was done to fix it': 'Rolled back', TRACKING_URL: 'https://t/1' };
    const { asked, ask } = scripted(['Slow checkout']);
    const { empty } = await fillEmptySlots(render, ask, { fills: given });
    assert.deepEqual(asked, ['1/1 [Description of user-facing impact]']);
    assert.deepEqual(empty, []);

    const silent = scripted([]);
    const unasked = await fillEmptySlots(render, silent.ask, { fills: given, ask: false });
    assert.deepEqual(silent.asked, []);
    assert.deepEqual(unasked.empty, ['[Description of user-facing impact]']);
  });
});
