import type { ChecklistItem, Runbook } from '../model.ts';
import { UsageError } from './command.ts';

/**
 * A checklist item by id, else by its text: the same text (case and spacing
 * ignored), else the one item whose text contains the words. None or several:
 * a usage error listing the candidates with their ids.
 */
export function findChecklistItem(runbook: Runbook, wanted: string): ChecklistItem {
  const items = runbook.checklistItems;
  const byId = items.find((item) => item.id === wanted);
  if (byId) return byId;
  const text = normalize(wanted);
  if (text === '') throw new UsageError('the item to tick is empty');
  for (const matches of [(item: ChecklistItem) => normalize(item.text) === text, (item: ChecklistItem) => normalize(item.text).includes(text)]) {
    const found = items.filter(matches);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw new UsageError(`'${wanted}' matches ${found.length} checklist items; name one by id:\n${describe(found)}`);
  }
  const known = items.length === 0 ? '  (the runbook has no checklist)' : describe(items);
  throw new UsageError(`no checklist item '${wanted}' in ${runbook.path ?? 'the runbook'}. Items:\n${known}`);
}

function describe(items: readonly ChecklistItem[]): string {
  return items.map((item) => `  ${item.id}  [${item.checked ? 'x' : ' '}] ${item.text}  (line ${item.position.start.line})`).join('\n');
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
