import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { ScannedStep } from '../interim-step-scan.ts';
import type { RunStepOutcome } from './run-step-outcome.ts';

/**
 * Runs a step's code as a script file in a VS Code task terminal, from the
 * runbook's folder. The code is written to a file, never typed into a shell.
 */
export async function runStepInTask(step: ScannedStep, document: vscode.TextDocument): Promise<RunStepOutcome> {
  const scratch = await mkdtemp(join(tmpdir(), 'runbook-step-'));
  const script = join(scratch, 'step.sh');
  await writeFile(script, `${step.code}\n`, { mode: 0o600 });
  try {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const task = new vscode.Task(
      { type: 'runbook', stepId: step.id },
      folder ?? vscode.TaskScope.Workspace,
      `step ${step.index + 1}`,
      'runbook',
      new vscode.ProcessExecution(step.lang === 'zsh' ? 'zsh' : 'bash', [script], { cwd: dirname(document.uri.fsPath) }),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated };
    const exitCode = await executeAndWait(task);
    return { status: 'finished', exitCode };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function executeAndWait(task: vscode.Task): Promise<number | undefined> {
  let execution: vscode.TaskExecution | undefined;
  const ended: { exitCode: number | undefined; execution: vscode.TaskExecution }[] = [];
  return new Promise((resolve, reject) => {
    // Subscribe first: a short script can end before executeTask resolves.
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      ended.push({ exitCode: event.exitCode, execution: event.execution });
      settle();
    });
    const settle = (): void => {
      const match = ended.find((end) => end.execution === execution);
      if (execution === undefined || match === undefined) return;
      listener.dispose();
      resolve(match.exitCode);
    };
    vscode.tasks.executeTask(task).then(
      (started) => {
        execution = started;
        settle();
      },
      (error: unknown) => {
        listener.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
