import type { ChecklistItem, IncidentState } from 'runbook-core';

/** An item's state for the incident: the journal's last tick or untick, else unticked (whatever the file says). */
export function checkedInIncident(incident: IncidentState, item: Pick<ChecklistItem, 'id'>): boolean {
  return incident.checklist.get(item.id)?.checked ?? false;
}
