import { FileIncidentStore } from './file-incident-store.ts';
import { IncidentInputError } from './incident-input-error.ts';
import type { IncidentStore } from './incident-store.ts';

/** Where to find incidents: a store, or a workspace folder for the default file store. */
export interface IncidentLocation {
  /** Used when given. */
  store?: IncidentStore;
  /** Otherwise incidents live in `<workspace>/.runbook/`. */
  workspace?: string;
}

export function storeFor(location: IncidentLocation): IncidentStore {
  if (location.store !== undefined) return location.store;
  if (location.workspace !== undefined) return new FileIncidentStore(location.workspace);
  throw new IncidentInputError('workspace', location.workspace, "is required when no 'store' is given");
}
