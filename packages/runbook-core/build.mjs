// Bundles the library and the CLI, and emits the library's declarations
// (dist/types, named by `exports`). The CLI bundle splits per command, so
// `runbook --version` loads only what it prints.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
const dist = join(here, 'dist');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS dependencies still call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

await build({
  ...common,
  entryPoints: { index: join(here, 'src/index.ts'), cli: join(here, 'src/cli/index.ts') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

// The shell grammar is WebAssembly, loaded from next to the bundle with
// web-tree-sitter's CommonJS glue (run in a context of its own, see
// src/shell/tree-sitter-runtime.ts).
cpSync(require.resolve('web-tree-sitter'), join(dist, 'tree-sitter.cjs'));
cpSync(join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
cpSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'));

// Declarations only: the door and what it reaches, into dist/types. `--no-types`
// skips them (~half the build) where only the bundles run: the demo, CLI tests.
if (!process.argv.includes('--no-types'))
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(here, 'tsconfig.types.json')], { stdio: 'inherit' });
