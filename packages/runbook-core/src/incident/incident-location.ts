import { chooseIncidentStore } from './choose-incident-store.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentStore } from './incident-store.ts';

/** Where to find incidents: a store, or a workspace folder for the default file store. */
export interface IncidentLocation {
  /** Used when given. */
  store?: IncidentStore;
  /** Otherwise the workspace's store: `<workspace>/.runbook/`, or the shared one its `runbook.config.json` or `RUNBOOK_STORE` names. */
  workspace?: string;
}

export function storeFor(location: IncidentLocation): IncidentStore {
  if (location.store !== undefined) return location.store;
  if (location.workspace !== undefined) return chooseIncidentStore(location.workspace);
  throw new IncidentInputError('workspace', location.workspace, "is required when no 'store' is given");
}
