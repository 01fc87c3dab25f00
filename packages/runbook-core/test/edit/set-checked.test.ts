import assert from 'node:assert/strict';
import { checkedEdits, RunbookEditError, setChecked } from '../../src/edit/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { readFixture, useShellGrammar } from '../parse/parser-fixtures.ts';

describe('setChecked', () => {
  useShellGrammar();
  const source = readFixture('restart-api.md');

  it('ticks an item by changing only its box character', () => {
    const ticked = setChecked(source, 'checklist/acknowledge-the-page', true);
    assert.equal(ticked.length, source.length);
    const differing = [...source].map((character, index) => (character === ticked[index] ? -1 : index)).filter((index) => index >= 0);
    const item = parseRunbook(source).checklistItems[0];
    assert.deepEqual(differing, [item?.boxOffset]);
    assert.equal(ticked[item?.boxOffset ?? 0], 'x');
    assert.deepEqual(
      parseRunbook(ticked).checklistItems.map((entry) => entry.checked),
      [true, true, false, false],
    );
    assert.equal(setChecked(ticked, 'checklist/acknowledge-the-page', false), source);
  });

  it('unticks a nested item and leaves an item already in that state untouched', () => {
    assert.equal(setChecked(source, 'checklist/invite-the-payments-lead', false), source);
    assert.deepEqual(checkedEdits(source, 'checklist/open-the-incident-channel', true), []);
    const [edit] = checkedEdits(source, 'checklist/open-the-incident-channel', false);
    assert.equal(edit?.text, ' ');
    assert.equal(edit && edit.end - edit.start, 1);
  });

  it('writes a canonical x or space, also over X and tab boxes', () => {
    const text = '- [X] Upper\n- [\t] Tabbed\n';
    const unticked = setChecked(text, 'upper', false);
    assert.equal(unticked, '- [ ] Upper\n- [\t] Tabbed\n');
    assert.equal(setChecked(text, 'tabbed', true), '- [X] Upper\n- [x] Tabbed\n');
  });

  it('throws for an unknown id, naming it', () => {
    assert.throws(
      () => setChecked(source, 'checklist/no-such-item', true),
      (error: unknown) => {
        assert.ok(error instanceof RunbookEditError);
        assert.equal(error.option, 'itemId');
        assert.equal(error.value, 'checklist/no-such-item');
        assert.match(error.message, /checklist\/no-such-item/);
        return true;
      },
    );
    assert.throws(() => setChecked(source, 'checklist/acknowledge-the-page', 'yes' as unknown as boolean), /checked "yes" must be true or false/);
  });
});
