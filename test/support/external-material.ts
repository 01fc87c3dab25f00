// Material the project does not ship: the public corpus of runbooks and the
// user's own runbook. One setting finds it: RUNBOOK_TEST_MATERIAL, a folder
// holding `corpus/` and `seeds/` (a relative path is taken from the current
// directory); without it, a `shared/` folder beside the repository is used
// when it exists. Tests that need material that is absent are skipped, each
// with a one-line reason; never passed. When the setting is given, missing
// material is a mistake in the setting, and those tests fail instead.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipWithReason } from './skip-with-reason.ts';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The environment variable that names the folder. */
export const materialSetting = 'RUNBOOK_TEST_MATERIAL';

export type Material = 'corpus' | 'user runbook';

const userRunbookName = '000_15d2150e85d89317.txt';

/** The folder named by the setting, if it is set. */
function configuredRoot(): string | undefined {
  const given = process.env[materialSetting];
  return given === undefined || given === '' ? undefined : resolve(given);
}

/** The folder, or undefined when neither the setting nor a `shared/` beside the repository gives one. */
export function materialRoot(): string | undefined {
  const configured = configuredRoot();
  if (configured !== undefined) return configured;
  const beside = resolve(repositoryRoot, '..', 'shared');
  return existsSync(beside) ? beside : undefined;
}

/** The public corpus of runbooks (a folder of Markdown files), if present. */
export function corpusDir(): string | undefined {
  const root = materialRoot();
  const dir = root === undefined ? undefined : join(root, 'corpus');
  return dir !== undefined && existsSync(dir) ? dir : undefined;
}

/** The corpus's Markdown files, relative to `corpusDir()`, sorted; empty when the corpus is absent. */
export function corpusFiles(): string[] {
  const dir = corpusDir();
  if (dir === undefined) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).sort();
}

/** The user's runbook, if present. */
export function userRunbookPath(): string | undefined {
  const root = materialRoot();
  const file = root === undefined ? undefined : join(root, 'seeds', userRunbookName);
  return file !== undefined && existsSync(file) ? file : undefined;
}

/** Why a test that needs `what` was skipped: one line. */
export function missingMaterial(what: Material): string {
  return `the ${what} is not here (set ${materialSetting} to a folder holding corpus/ and seeds/)`;
}

/**
 * For mocha: returns `path` when it is defined. Otherwise skips the current
 * test (or, from a `before` hook, its suite) with a one-line reason the
 * reporter prints; but when RUNBOOK_TEST_MATERIAL is set, fails instead,
 * naming the folder, since CI relies on the setting to run these tests.
 */
export function requireMaterial(context: Mocha.Context, path: string | undefined, what: Material): string {
  if (path !== undefined) return path;
  const configured = configuredRoot();
  if (configured !== undefined) {
    const expected = what === 'corpus' ? join(configured, 'corpus') : join(configured, 'seeds', userRunbookName);
    throw new Error(`${materialSetting} is set to ${configured}, but ${expected} does not exist`);
  }
  return skipWithReason(context, missingMaterial(what));
}
