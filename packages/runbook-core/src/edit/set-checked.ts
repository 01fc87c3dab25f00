import type { Runbook } from '../model.ts';
import { parseRunbook, type TextEdit } from '../parse/index.ts';
import { applyTextEdits } from './apply-text-edits.ts';
import { RunbookEditError } from './runbook-edit-error.ts';

/**
 * The edit that ticks or unticks one checklist item: its box character
 * becomes `x` or a space, and nothing else changes. None when the item is
 * already in that state. Throws `RunbookEditError` for an unknown id.
 */
export function checkedEdits(source: string, itemId: string, checked: boolean, runbook: Runbook = parseRunbook(source)): TextEdit[] {
  if (typeof checked !== 'boolean') throw new RunbookEditError('checked', checked, 'must be true or false');
  const item = runbook.checklistItems.find((candidate) => candidate.id === itemId);
  if (item === undefined) throw new RunbookEditError('itemId', itemId, 'is not a checklist item of this runbook');
  if (item.checked === checked) return [];
  return [{ start: item.boxOffset, end: item.boxOffset + 1, text: checked ? 'x' : ' ' }];
}

/** `source` with one checklist item ticked or unticked: exactly one character differs, or none. */
export function setChecked(source: string, itemId: string, checked: boolean): string {
  return applyTextEdits(source, checkedEdits(source, itemId, checked));
}
