import { fileURLToPath } from 'node:url';

const root = (relative: string): string => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export const repoRoot = root('');
export const extensionPackage = root('packages/vscode-extension');
export const setupScript = root('scripts/vscode-e2e-setup.mjs');
export const fixtureWorkspace = root('test/vscode/fixtures/workspace');
export const hostTestsDir = root('test/vscode/host');
