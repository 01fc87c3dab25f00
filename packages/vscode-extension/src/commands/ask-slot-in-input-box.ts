import * as vscode from 'vscode';
import type { TemplateSlot } from 'runbook-core';

/** One input box per template slot; Escape resolves to undefined, which leaves the slot empty. */
export function askSlotInInputBox(slot: TemplateSlot, index: number, count: number): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Fill ${slot.raw} (${index + 1} of ${count})`,
    prompt: slot.kind === 'variable' ? `Value for \${${slot.name}}` : `Text for ${slot.raw}`,
    placeHolder: 'Escape or an empty answer leaves it empty',
    ignoreFocusOut: true,
  });
}
