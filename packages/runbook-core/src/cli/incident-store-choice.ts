import type { IncidentLocation } from '../incident/index.ts';
import type { CliContext } from './command.ts';
import { findWorkspace } from './workspace.ts';

/** Where the CLI's incidents live: always a workspace (logs, the current pointer), and the store chosen for it. */
export type CliIncidentLocation = IncidentLocation & { workspace: string };

/** The workspace's incident store: its `.runbook/` files by default. */
export async function incidentLocation(context: CliContext): Promise<CliIncidentLocation> {
  return { workspace: findWorkspace(context.cwd, context.env) };
}
