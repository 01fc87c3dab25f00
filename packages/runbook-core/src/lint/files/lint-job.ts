import { readFileSync } from 'node:fs';
import type { LintConfig } from '../config/lint-config.ts';
import { lintMarkdown } from '../lint-markdown.ts';
import type { LintFileResult } from '../lint-message.ts';

/** One file to lint, as plain data so it can cross to a worker thread. */
export interface LintJob {
  /** Absolute path. */
  file: string;
  /** As shown in results. */
  path: string;
  config: LintConfig | undefined;
}

/** How every job of a run is linted; plain data too. */
export interface LintJobSettings {
  cwd: string;
  env: NodeJS.ProcessEnv;
  fix: boolean;
}

export type LintJobOutcome = { ok: true; result: LintFileResult } | { ok: false; path: string; reason: string };

const fixRounds = 5;

/** Reads, parses, lints (and fixes) one file. Never rejects. */
export async function runLintJob(job: LintJob, settings: LintJobSettings): Promise<LintJobOutcome> {
  let source: string;
  try {
    // Synchronous on purpose: for hundreds of small files the promise API's
    // thread-pool round trips cost more than the reads (measured on the corpus).
    source = readFileSync(job.file, 'utf8');
  } catch (error) {
    return { ok: false, path: job.path, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const linted = await lintMarkdown(source, {
      path: job.file,
      cwd: settings.cwd,
      env: settings.env,
      ...(job.config ? { config: job.config } : {}),
      fixRounds: settings.fix ? fixRounds : 0,
    });
    const result: LintFileResult = { path: job.path, messages: linted.messages };
    if (linted.fixedSource !== undefined) result.fixedSource = linted.fixedSource;
    return { ok: true, result };
  } catch (error) {
    return { ok: false, path: job.path, reason: error instanceof Error ? error.message : String(error) };
  }
}
