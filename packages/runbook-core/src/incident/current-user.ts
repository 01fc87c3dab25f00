import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

let cachedMachineUser: string | undefined;

/**
 * Who is acting, for the journal: `$RUNBOOK_USER`, else git's `user.name`,
 * else the login name, else `unknown`. Whitespace is collapsed, so a name
 * stays one table cell.
 */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = cleanName(env.RUNBOOK_USER);
  if (fromEnv !== undefined) return fromEnv;
  cachedMachineUser ??= cleanName(gitUserName()) ?? cleanName(loginName()) ?? 'unknown';
  return cachedMachineUser;
}

export function cleanName(name: string | undefined): string | undefined {
  const cleaned = name?.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return cleaned === undefined || cleaned === '' ? undefined : cleaned;
}

function gitUserName(): string | undefined {
  try {
    return execFileSync('git', ['config', '--get', 'user.name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 });
  } catch {
    return undefined;
  }
}

function loginName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
