import * as vscode from 'vscode';
import { chooseAlternative } from './choose-alternative.ts';
import { confirmStep } from './confirm-step.ts';
import type { EditorPrompts } from './editor-io.ts';

/** The editor's prompts in VS Code: an input box (password for secrets), the confirmation modal, the alternatives' quick pick. */
export const vscodePrompts: EditorPrompts = {
  askValue: (request) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: `Value for ${request.name}`,
        prompt: `${request.description ?? request.name}, read by ${request.readBy.join(', ')}${request.secret ? ' (secret: not stored, redacted in output)' : ''}`,
        password: request.secret,
        ignoreFocusOut: true,
      }),
    ),
  confirm: (request) => confirmStep({ plan: request.plan, prepared: request.prepared }),
  chooseAlternative: (request) => chooseAlternative(request),
};
