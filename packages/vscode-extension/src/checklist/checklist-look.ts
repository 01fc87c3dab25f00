import type { ChecklistItem, IncidentState } from 'runbook-core';
import { clockTime } from '../clock-time.ts';
import { checkedInIncident } from './checklist-state.ts';

/**
 * How one checklist item looks for an incident, the same in every place a
 * person reads it: the box drawn over the file's `[ ]`/`[x]`, the text after
 * the line, the lens above it and the hover. Plain data, tested without `vscode`.
 */
export interface ChecklistLook {
  /** Ticked in the incident's journal (the file's box does not count). */
  checked: boolean;
  /** Drawn over the file's box, or undefined when the file's box already says the same (`[ ]` open, `[x]` ticked). */
  box?: '☑' | '☐';
  /** After the line: `✓ ticked by ana 14:05`, `☐ not ticked in INC-…` for a box the file shows ticked, or nothing. */
  after?: string;
  /** The lens and the hover's link: what one click does. */
  action: { title: '☐ Tick' | '☑ Untick'; verb: 'Tick' | 'Untick' };
  /** The hover's first words: `☑ Ticked in INC-… by ana at 14:05`. */
  state: string;
}

export function checklistLook(item: Pick<ChecklistItem, 'id' | 'checked'>, incident: IncidentState): ChecklistLook {
  const checked = checkedInIncident(incident, item);
  const record = incident.checklist.get(item.id);
  const by = record && checked ? ` by ${record.who} at ${clockTime(record.time)}` : '';
  const box = checked ? (item.checked ? undefined : '☑') : item.checked ? '☐' : undefined;
  return {
    checked,
    ...(box === undefined ? {} : { box }),
    ...(checked
      ? { after: `✓ ticked by ${record?.who ?? '?'}${record ? ` ${clockTime(record.time)}` : ''}` }
      : item.checked
        ? { after: `☐ not ticked in ${incident.id}` }
        : {}),
    action: checked ? { title: '☑ Untick', verb: 'Untick' } : { title: '☐ Tick', verb: 'Tick' },
    state: checked ? `☑ Ticked in ${incident.id}${by}` : `☐ Not ticked in ${incident.id}`,
  };
}
