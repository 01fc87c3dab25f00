// Builds the extension: dist/extension.cjs (CommonJS, what VS Code loads) and
// dist/core/ (runbook-core as ESM with its WebAssembly grammar, imported on
// first use).
//   --outdir DIR   build a complete extension folder there instead of here
//                  (tests use fresh folders, so parallel runs never share one)
//   --vsix [FILE]  also package it with vsce
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const option = (name) => {
  const index = process.argv.indexOf(name);
  if (index === -1) return undefined;
  const value = process.argv[index + 1];
  return value === undefined || value.startsWith('--') ? true : value;
};

const outdir = resolve(typeof option('--outdir') === 'string' ? option('--outdir') : here);
const dist = join(outdir, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
if (outdir !== here) {
  for (const file of ['package.json', 'README.md', '.vscodeignore']) cpSync(join(here, file), join(outdir, file));
}

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', minify: true };

await build({
  ...node,
  entryPoints: [join(here, 'src/extension.ts')],
  outfile: join(dist, 'extension.cjs'),
  format: 'cjs',
  external: ['vscode'],
});

// Core's entry awaits its grammar at the top level: ESM only, so a bundle of its own.
const corePackage = require.resolve('runbook-core/package.json');
const coreRequire = createRequire(corePackage);
await build({
  ...node,
  entryPoints: { index: join(dirname(corePackage), JSON.parse(readFileSync(corePackage, 'utf8')).exports['.'].source) },
  outdir: join(dist, 'core'),
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies still call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
// The grammar is loaded from next to the bundle, as in runbook-core's own build.
cpSync(coreRequire.resolve('web-tree-sitter'), join(dist, 'core', 'tree-sitter.cjs'));
cpSync(join(dirname(coreRequire.resolve('web-tree-sitter')), 'tree-sitter.wasm'), join(dist, 'core', 'tree-sitter.wasm'));
cpSync(coreRequire.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), join(dist, 'core', 'tree-sitter-bash.wasm'));

const vsix = option('--vsix');
if (vsix !== undefined) {
  const out = resolve(typeof vsix === 'string' ? vsix : join(outdir, `${manifest.name}-${manifest.version}.vsix`));
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
    cwd: outdir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.stdout.write(`${out} ${statSync(out).size} bytes\n`);
}
