import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import type { StepTarget } from '../step-target.ts';
import { templateValues } from '../template-values.ts';
import type { Command } from './command.ts';
import { askSlotInInputBox } from './ask-slot-in-input-box.ts';
import { type FillOptions, fillEmptySlots } from './fill-empty-slots.ts';

export class CopyRenderedCommand implements Command {
  readonly id = 'runbook.copyRendered';

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  /**
   * Copies a step's code or a template's text with its `${VAR}` slots filled
   * (secrets masked), and resolves to the copied text. `stepId` may name a
   * template; a template's slots left empty are asked for, one input box each
   * (`options.fills` answers some up front, `options.ask: false` asks none;
   * `options.incident` names the incident to fill from instead of the current one).
   */
  async execute(target: StepTarget, options: FillOptions & { incident?: string } = {}): Promise<string | undefined> {
    const document = await vscode.workspace.openTextDocument(target.uri);
    const runbook = await this.documents.runbookOf(document);
    const template = runbook.templates.find((candidate) => candidate.id === target.stepId);
    const block = runbook.steps.find((step) => step.id === target.stepId)?.code ?? template?.text;
    if (block === undefined) {
      void vscode.window.showErrorMessage(`Runbook: no block "${target.stepId}" in ${document.uri.fsPath}.`);
      return undefined;
    }
    const core = await loadCore();
    // The current incident, resolved ones included once switched to (Switch Incident); none, no asking: variables only.
    const current = options.incident === undefined ? this.incidents.current : await this.incidents.load(options.incident);
    const { values, secretNames } = templateValues(runbook, current);
    // A template during an incident goes through core's incident renderer, the one Copy Status Update and the CLI use
    // (START_TIME, DURATION, brackets it can answer); a step's code only gets its variables.
    if (template === undefined) {
      const rendered = core.renderTemplate(block, values, { mask: secretNames });
      await vscode.env.clipboard.writeText(rendered.text);
      const unfilled = [...new Set(rendered.unfilled.map((slot) => slot.raw))];
      void vscode.window.showInformationMessage(unfilled.length === 0 ? 'Runbook: copied.' : `Runbook: copied; not filled: ${unfilled.join(', ')}.`);
      return rendered.text;
    }
    const { rendered, empty } = await fillEmptySlots(
      (fills) =>
        current !== undefined
          ? core.renderStatusUpdate(current, template, { values, fills, mask: secretNames })
          : core.renderTemplate(block, { ...values, ...fills }, { mask: secretNames, placeholders: fills }),
      askSlotInInputBox,
      options,
    );
    await vscode.env.clipboard.writeText(rendered.text);
    void vscode.window.showInformationMessage(empty.length === 0 ? 'Runbook: copied.' : `Runbook: copied; left empty: ${empty.join(', ')}.`);
    return rendered.text;
  }
}
