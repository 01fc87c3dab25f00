// The README's main job, through the built `runbook` bin as a user would type it:
// list the bundled runbooks, then, in a scratch copy of the portable demo (so the
// repository stays clean), start an incident, run its read-only steps (a value one
// step exports reaches the next, even in a later process), tick its checklist,
// record a status update, see a destructive step refused without a terminal,
// resolve, and print the post-incident timeline.
// Run after `node packages/runbook-core/build.mjs`: node scripts/demo.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/runbook-core/bin/runbook.js');
if (!existsSync(join(root, 'packages/runbook-core/dist/cli.js'))) {
  console.error('demo: build the CLI first: node packages/runbook-core/build.mjs');
  process.exit(1);
}

const workspace = mkdtempSync(join(tmpdir(), 'runbook-demo-'));
const file = 'demo-disk-pressure.md';
copyFileSync(join(root, 'runbooks', file), join(workspace, file));
const env = { ...process.env, RUNBOOK_WORKSPACE: workspace };

/** Runs `runbook …`, echoing the command; stdin is not a terminal, as in CI. */
function runbook(args, { cwd = workspace, expect = 0, capture = false } = {}) {
  console.log(`\n\u001B[1m$ runbook ${args.map(quote).join(' ')}\u001B[22m`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
  if (capture) process.stdout.write(result.stdout);
  if (result.status !== expect) {
    console.error(`demo: 'runbook ${args.join(' ')}' exited ${result.status}, expected ${expect}`);
    process.exit(1);
  }
  return result.stdout ?? '';
}

function quote(arg) {
  return /^[\w./=:@-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

try {
  runbook(['list', 'runbooks'], { cwd: root });
  console.log(`\nA scratch copy of ${file} in ${workspace}; the incident lives in its .runbook/ folder.`);
  const started = runbook(['incident', 'start', '--severity', 'P2', '--runbook', file], { capture: true });
  const id = /Started (\S+)/.exec(started)?.[1];
  if (id === undefined) throw new Error(`no incident id in: ${started}`);
  runbook(['check', file, 'Acknowledge the alert']);
  runbook(['run', file, '--step', 'disk-usage', '--step', 'fullest-filesystem']);
  // A new process: FULLEST_MOUNT and FULLEST_PERCENT come from the incident's journal.
  runbook(['run', file, '--step', 'compare-threshold']);
  runbook(['check', file, 'Check which filesystems are under pressure']);
  runbook(['render', file, 'status-update', '--record']);
  runbook(['check', file, 'Post a status update']);
  // Destructive and without a terminal to confirm on: refused, exit 3, nothing deleted.
  runbook(['run', file, '--step', 'clear-scratch'], { expect: 3 });
  runbook(['incident', 'status']);
  runbook(['incident', 'resolve', '--summary', 'Demo: nothing above the threshold']);
  runbook(['incident', 'timeline', '--incident', id]);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
