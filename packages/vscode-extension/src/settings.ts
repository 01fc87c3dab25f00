import * as vscode from 'vscode';
import { defaultRunbookGlobs } from './codelens/is-runbook-document.ts';

/** The extension's settings (`runbook.*` in package.json), read when used so changes apply at once. */
export interface RunbookSettings {
  /** Shell for `sh`/`shell` blocks; empty: the runbook's `shell`, else core's default. */
  shell: string;
  /** `risky`: ask before mutating or destructive steps (and `confirm=true` ones); `always`: before every step. */
  confirmation: 'risky' | 'always';
  /** Write checklist ticks into the file as well as the incident journal. */
  writeTicksToFile: boolean;
  /** Globs of Markdown files that are runbooks besides those with frontmatter or under `runbooks/`. */
  runbookFiles: readonly string[];
  /** Run lenses on every Markdown file, runbook or not. */
  runLensesEverywhere: boolean;
}

export function readSettings(scope?: vscode.Uri): RunbookSettings {
  const config = vscode.workspace.getConfiguration('runbook', scope);
  return {
    shell: config.get<string>('shell', ''),
    confirmation: config.get<string>('confirmation', 'risky') === 'always' ? 'always' : 'risky',
    writeTicksToFile: config.get<boolean>('checklist.writeToFile', false),
    runbookFiles: stringList(config.get<unknown>('files'), defaultRunbookGlobs),
    runLensesEverywhere: config.get<boolean>('codeLens.allMarkdown', false),
  };
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : fallback;
}
