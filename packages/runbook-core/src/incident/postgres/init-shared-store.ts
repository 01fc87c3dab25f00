import { IncidentInputError } from '../incident-input-error.ts';
import { readStoreChoice } from '../store-config.ts';
import { clientConfig } from './client-config.ts';
import { type InitStoreResult, initStore } from './init-store.ts';
import { loadPg } from './load-pg.ts';
import { storeError } from './store-errors.ts';

/**
 * `runbook incident store init`: connects to the workspace's shared store as
 * whoever `PGUSER` (or the URL) names, normally the database's owner, and
 * migrates it, grants `roles` their append-only rights, and writes the
 * workspace's `people` table. Throws IncidentInputError when the workspace
 * has no shared store.
 */
export async function initSharedStore(
  workspace: string,
  roles: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<InitStoreResult & { url: string }> {
  const choice = readStoreChoice(workspace, env);
  if (choice.kind !== 'postgres') {
    throw new IncidentInputError('store', 'file', "is the workspace's store; set 'store' in runbook.config.json or RUNBOOK_STORE to a postgres:// URL first");
  }
  const { Client } = await loadPg();
  const client = new Client(clientConfig(choice.settings, env));
  try {
    await client.connect();
    const result = await initStore(client, { grant: roles, people: choice.people });
    return { ...result, url: choice.settings.url };
  } catch (error) {
    throw storeError(error, choice.settings.url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
