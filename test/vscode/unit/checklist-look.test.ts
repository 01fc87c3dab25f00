import assert from 'node:assert/strict';
import { checklistLook } from '../../../packages/vscode-extension/src/checklist/checklist-look.ts';
import { clockTime } from '../../../packages/vscode-extension/src/clock-time.ts';
import { incidentState } from './core-fixtures.ts';

const open = { id: 'checklist/say-hello', checked: false };
const tickedInFile = { id: 'checklist/say-hello', checked: true };

describe('checklistLook: one look for a checklist item, per incident', () => {
  it('offers "☐ Tick" for an item the incident has not ticked, and draws nothing over a `[ ]` box', () => {
    const look = checklistLook(open, incidentState());
    assert.equal(look.checked, false);
    assert.deepEqual(look.action, { title: '☐ Tick', verb: 'Tick' });
    assert.equal(look.box, undefined);
    assert.equal(look.after, undefined);
    assert.equal(look.state, '☐ Not ticked in INC-20260101-0900');
  });

  it('reads ticked everywhere once ticked: ☑ over the box, "✓ ticked by", and the lens and hover offer Untick', () => {
    const look = checklistLook(open, incidentState([{ type: 'checklist-ticked', itemId: open.id, text: 'Say hello' }]));
    const time = clockTime('2026-01-01T09:00:00.000Z');
    assert.equal(look.checked, true);
    assert.equal(look.box, '☑');
    assert.equal(look.after, `✓ ticked by ana ${time}`);
    assert.deepEqual(look.action, { title: '☑ Untick', verb: 'Untick' });
    assert.equal(look.state, `☑ Ticked in INC-20260101-0900 by ana at ${time}`);
  });

  it("follows the journal's last event, not the file: unticked again reads open; a file's [x] reads open in a new incident", () => {
    const unticked = checklistLook(
      open,
      incidentState([
        { type: 'checklist-ticked', itemId: open.id, text: 'Say hello' },
        { type: 'checklist-unticked', itemId: open.id, text: 'Say hello' },
      ]),
    );
    assert.equal(unticked.action.verb, 'Tick');
    const fileTicked = checklistLook(tickedInFile, incidentState());
    assert.equal(fileTicked.checked, false);
    assert.equal(fileTicked.box, '☐');
    assert.equal(fileTicked.after, '☐ not ticked in INC-20260101-0900');
  });
});
