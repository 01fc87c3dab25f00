import { chooseIncidentStore, closeIncidentStores } from '../incident/choose-incident-store.ts';
import { FileIncidentStore } from '../incident/file-incident-store.ts';
import type { IncidentLocation } from '../incident/index.ts';
import type { CliContext } from './command.ts';
import { findWorkspace } from './workspace.ts';

/** Where the CLI's incidents live: always a workspace (logs, the current pointer), and the store chosen for it. */
export type CliIncidentLocation = IncidentLocation & { workspace: string };

let closingRegistered = false;

/**
 * The workspace's incident store: its `.runbook/` files by default, or the
 * shared PostgreSQL store that `runbook.config.json` or `RUNBOOK_STORE`
 * names (see docs/team-incidents.md). Its connections are closed when the
 * command is done.
 */
export async function incidentLocation(context: CliContext): Promise<CliIncidentLocation> {
  const workspace = findWorkspace(context.cwd, context.env);
  const store = chooseIncidentStore(workspace, context.env);
  if (store instanceof FileIncidentStore) return { workspace };
  if (!closingRegistered) {
    closingRegistered = true;
    // When nothing else is left to do, the process would exit: let the connections go first.
    process.once('beforeExit', () => {
      closingRegistered = false;
      void closeIncidentStores();
    });
  }
  return { workspace, store };
}
