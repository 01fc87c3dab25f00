import type { ChecklistItem } from '../model.ts';

/**
 * The source with one checklist box set: only the character inside `[ ]`
 * changes, the rest of the file stays byte for byte. Throws when the box is
 * not where the model says (the file changed since it was parsed).
 */
export function withCheckbox(source: string, item: Pick<ChecklistItem, 'boxOffset' | 'text'>, checked: boolean): string {
  const box = source.slice(item.boxOffset - 1, item.boxOffset + 2);
  if (!/^\[[ xX]\]$/.test(box)) throw new Error(`the checkbox of '${item.text}' is not at offset ${item.boxOffset}; the file changed while it was read`);
  if ((box[1] !== ' ') === checked) return source;
  return source.slice(0, item.boxOffset) + (checked ? 'x' : ' ') + source.slice(item.boxOffset + 1);
}
