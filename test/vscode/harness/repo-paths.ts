import { fileURLToPath } from 'node:url';

const root = (relative: string): string => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export const repoRoot = root('');
export const extensionPackage = root('packages/vscode-extension');
export const setupScript = root('scripts/vscode-e2e-setup.mjs');
export const fixtureWorkspace = root('test/vscode/fixtures/workspace');
export const hostTestsDir = root('test/vscode/host');
/** The user's own runbook, beside the repository like the corpus. */
export const userRunbook = root('../shared/seeds/000_15d2150e85d89317.txt');
