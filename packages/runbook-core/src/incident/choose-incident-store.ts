import { FileIncidentStore } from './file-incident-store.ts';
import type { IncidentStore } from './incident-store.ts';
import { OfflineFirstStore } from './offline-first-store.ts';
import { PostgresIncidentStore } from './postgres/postgres-incident-store.ts';
import { readStoreChoice } from './store-config.ts';

// One shared store per workspace and setting: its connections and watchers are reused by every call.
const shared = new Map<string, IncidentStore>();

/**
 * The workspace's incident store, as `runbook.config.json` or
 * `RUNBOOK_STORE` choose it: the files in its `.runbook/` (the default), or
 * PostgreSQL behind a local outbox so that every command keeps working while
 * the database cannot be reached. Throws IncidentInputError for a bad setting
 * (a URL with a password, an unknown key). The CLI and the editor both choose
 * through here.
 */
export function chooseIncidentStore(workspace: string, env: NodeJS.ProcessEnv = process.env): IncidentStore {
  const choice = readStoreChoice(workspace, env);
  if (choice.kind === 'file') return new FileIncidentStore(workspace);
  const key = JSON.stringify([workspace, choice.settings, env.PGUSER ?? '', env.PGPASSWORD === undefined]);
  let store = shared.get(key);
  if (store === undefined) {
    store = new OfflineFirstStore({ shared: new PostgresIncidentStore({ settings: choice.settings, workspace, env }), workspace });
    shared.set(key, store);
  }
  return store;
}

/** Closes every store `chooseIncidentStore` opened (their connections and watchers); later calls open new ones. */
export async function closeIncidentStores(): Promise<void> {
  const open = [...shared.values()];
  shared.clear();
  await Promise.all(open.map((store) => store.close?.()));
}
