import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The folder whose `.runbook/` holds the incidents: `RUNBOOK_WORKSPACE` when
 * set, else the nearest folder up from `cwd` that has a `.runbook/`, else the
 * nearest with `.git`, else `cwd`. Like git, so every command run anywhere in a
 * repository sees the same current incident.
 */
export function findWorkspace(cwd: string, env: NodeJS.ProcessEnv): string {
  const explicit = env.RUNBOOK_WORKSPACE;
  if (explicit !== undefined && explicit !== '') return resolve(cwd, explicit);
  const start = resolve(cwd);
  return nearestWith(start, '.runbook', true) ?? nearestWith(start, '.git', false) ?? start;
}

function nearestWith(start: string, entry: string, mustBeFolder: boolean): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    if (exists(join(folder, entry), mustBeFolder)) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

function exists(path: string, mustBeFolder: boolean): boolean {
  try {
    const info = statSync(path);
    return mustBeFolder ? info.isDirectory() : true;
  } catch {
    return false;
  }
}
