// Material the project does not ship: the public corpus of runbooks and the
// user's own runbook. One setting finds it: RUNBOOK_TEST_MATERIAL, a folder
// holding `corpus/` and `seeds/`; without it, a `shared/` folder beside the
// repository is used when it exists. Tests that need it are skipped, with a
// one-line reason, when it is absent; never passed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The environment variable that names the folder. */
export const materialSetting = 'RUNBOOK_TEST_MATERIAL';

/** The folder, or undefined when neither the setting nor a `shared/` beside the repository gives one. */
export function materialRoot(): string | undefined {
  const given = process.env[materialSetting];
  if (given !== undefined && given !== '') return resolve(given);
  const beside = resolve(repositoryRoot, '..', 'shared');
  return existsSync(beside) ? beside : undefined;
}

/** The public corpus of runbooks (a folder of Markdown files), if present. */
export function corpusDir(): string | undefined {
  const root = materialRoot();
  const dir = root === undefined ? undefined : join(root, 'corpus');
  return dir !== undefined && existsSync(dir) ? dir : undefined;
}

/** The user's runbook, if present. */
export function userRunbookPath(): string | undefined {
  const root = materialRoot();
  const file = root === undefined ? undefined : join(root, 'seeds', '000_15d2150e85d89317.txt');
  return file !== undefined && existsSync(file) ? file : undefined;
}

/** Why a test that needs `what` was skipped: one line. */
export function missingMaterial(what: 'corpus' | 'user runbook'): string {
  return `skipped: the ${what} is not here (set ${materialSetting} to a folder holding corpus/ and seeds/)`;
}

/**
 * For mocha: a function that skips the current test or suite (printing why once)
 * when `path` is undefined, and otherwise returns it.
 */
export function requireMaterial(context: Mocha.Context, path: string | undefined, what: 'corpus' | 'user runbook'): string {
  if (path !== undefined) return path;
  const reason = missingMaterial(what);
  if (!announced.has(reason)) {
    announced.add(reason);
    console.log(`  ${reason}`);
  }
  context.skip();
}

const announced = new Set<string>();
