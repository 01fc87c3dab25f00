import type { ChecklistItem, Runbook } from '../model.ts';
import { UsageError } from './command.ts';
import { closestMatch } from './did-you-mean.ts';

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
  const near = nearestItem(items, wanted);
  const hint = near === undefined ? '' : ` (did you mean '${near.text}', ${near.id}?)`;
  throw new UsageError(`no checklist item '${wanted}' in ${runbook.path ?? 'the runbook'}${hint}. Items:\n${known}`);
}

function describe(items: readonly ChecklistItem[]): string {
  return items.map((item) => `  ${item.id}  [${item.checked ? 'x' : ' '}] ${item.text}  (line ${item.position.start.line})`).join('\n');
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A typo of an id or of a whole text, else the item sharing most of the words typed (at least half). */
function nearestItem(items: readonly ChecklistItem[], wanted: string): ChecklistItem | undefined {
  const byId = closestMatch(
    wanted,
    items.map((item) => item.id),
  );
  if (byId !== undefined) return items.find((item) => item.id === byId);
  const byText = closestMatch(
    normalize(wanted),
    items.map((item) => normalize(item.text)),
  );
  if (byText !== undefined) return items.find((item) => normalize(item.text) === byText);
  const words = normalize(wanted)
    .split(' ')
    .filter((word) => word.length > 2);
  if (words.length === 0) return undefined;
  let best: { item: ChecklistItem; shared: number } | undefined;
  for (const item of items) {
    const itemWords = new Set(normalize(item.text).split(' '));
    const shared = words.filter((word) => [...itemWords].some((other) => other === word || closestMatch(word, [other]) !== undefined)).length;
    if (shared * 2 >= words.length && (best === undefined || shared > best.shared)) best = { item, shared };
  }
  return best?.item;
}
