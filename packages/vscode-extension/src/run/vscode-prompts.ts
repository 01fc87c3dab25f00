import * as vscode from 'vscode';
import { chooseAlternative } from './choose-alternative.ts';
import { confirmStep } from './confirm-step.ts';
import type { EditorPrompts } from './editor-io.ts';

/**
 * The editor's prompts in VS Code: an input box (password for secrets), the
 * confirmation modal, the alternatives' quick pick. `names` (step id → what a
 * person calls it, from `stepNames`) titles the modal and the pick.
 */
export const vscodePrompts = (names: ReadonlyMap<string, string>): EditorPrompts => ({
  askValue: (request) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: `Value for ${request.name}`,
        prompt: `${request.description ?? request.name}, read by ${request.readBy.join(', ')}${request.secret ? ' (secret: not stored, redacted in output)' : ''}`,
        password: request.secret,
        ignoreFocusOut: true,
      }),
    ),
  confirm: (request) => confirmStep({ plan: request.plan, prepared: request.prepared, ...named(names, request.plan.stepId) }),
  chooseAlternative: (request) => chooseAlternative({ ...request, ...named(names, request.step.id) }),
});

function named(names: ReadonlyMap<string, string>, stepId: string): { stepName?: string } {
  const stepName = names.get(stepId);
  return stepName === undefined ? {} : { stepName };
}
