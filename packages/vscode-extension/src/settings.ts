import * as vscode from 'vscode';

/** The extension's settings (`runbook.*` in package.json), read when used so changes apply at once. */
export interface RunbookSettings {
  /** Shell for `sh`/`shell` blocks; empty: the runbook's `shell`, else core's default. */
  shell: string;
  /** `risky`: ask before mutating or destructive steps (and `confirm=true` ones); `always`: before every step. */
  confirmation: 'risky' | 'always';
  /** Write checklist ticks into the file as well as the incident journal. */
  writeTicksToFile: boolean;
}

export function readSettings(scope?: vscode.Uri): RunbookSettings {
  const config = vscode.workspace.getConfiguration('runbook', scope);
  return {
    shell: config.get<string>('shell', ''),
    confirmation: config.get<string>('confirmation', 'risky') === 'always' ? 'always' : 'risky',
    writeTicksToFile: config.get<boolean>('checklist.writeToFile', false),
  };
}
