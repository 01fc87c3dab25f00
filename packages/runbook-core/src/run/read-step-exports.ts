import { readFileSync } from 'node:fs';
import { parseExportListing } from './export-listing.ts';

/** Kept up to date by the shell itself, not exported by the step. */
const shellMaintained = new Set(['PWD', 'OLDPWD', 'SHLVL', '_']);

/** Exported by zsh at startup when the environment lacks them. */
const setAtStartup = new Set(['HOME', 'LOGNAME']);

/** The wrapper's own shell variables (exported only under `set -a`). */
const wrapperPrefix = '__runbook_';

/**
 * What a shell step exported: the variables in its final `export -p` listing
 * that are new or changed compared with the environment it was given. The
 * inherited environment is never returned whole. A missing listing (the
 * script `exec`ed another program, or was killed) means none. What may be
 * carried to later steps is decided after (`carryExports`).
 */
export function readStepExports(listingFile: string, given: Readonly<Record<string, string>>, internal: readonly string[]): Record<string, string> {
  let listing: Buffer;
  try {
    listing = readFileSync(listingFile);
  } catch {
    return {};
  }
  const exported: Record<string, string> = {};
  for (const [name, value] of parseExportListing(listing)) {
    if (shellMaintained.has(name) || internal.includes(name) || name.startsWith(wrapperPrefix)) continue;
    if (Object.hasOwn(given, name) ? given[name] === value : setAtStartup.has(name)) continue;
    exported[name] = value;
  }
  return exported;
}
