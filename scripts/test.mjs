// The one test command: type-check, then every test in one mocha run.
// Arguments replace the default specs: `node scripts/test.mjs test/cli`.
import { spawnSync } from 'node:child_process';

const specs = ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'];
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

const typecheck = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
if (typecheck !== 0) {
  console.error('type-check failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const args = process.argv.slice(2);
process.exit(run(bin('mocha'), args.length > 0 ? args : specs));
