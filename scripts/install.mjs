// Installs the workspace with the pinned pnpm; fast when nothing changed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
execFileSync('npx', ['-y', packageManager, 'install', '--reporter=append-only', ...frozen], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
});
