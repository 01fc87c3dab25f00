import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's own runbooks written for the tests: what the corpus and the user's runbook cover, on a fresh clone. */
export const fixtureRunbooksDir = fileURLToPath(new URL('../fixtures/runbooks/', import.meta.url));

export interface FixtureRunbook {
  name: string;
  path: string;
  source: string;
}

/** Every fixture runbook, by name. */
export function fixtureRunbooks(): FixtureRunbook[] {
  return readdirSync(fixtureRunbooksDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, path: `${fixtureRunbooksDir}${name}`, source: readFileSync(`${fixtureRunbooksDir}${name}`, 'utf8') }));
}

/** One fixture runbook's text. */
export function fixtureRunbook(name: string): FixtureRunbook {
  const found = fixtureRunbooks().find((runbook) => runbook.name === name);
  if (!found) throw new Error(`no fixture runbook ${name} in ${fixtureRunbooksDir}`);
  return found;
}
