import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { templateValues } from '../template-values.ts';
import { variableSlots } from '../variable-slots.ts';

const MAX_SHOWN = 40;

/** After each `${VAR}`: its value (`= INC-…`), `= ••••` for a secret, `unset` when it has none. */
export class VariableInlayHintsProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.#changed.event;
  readonly #subscription: vscode.Disposable;

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {
    this.#subscription = incidents.onDidChange(() => this.#changed.fire());
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[]> {
    const runbook = await this.documents.runbookOf(document);
    const core = await loadCore();
    const { values, secretNames } = templateValues(runbook, this.incidents.current);
    return variableSlots(core, document, runbook, range)
      .filter((slot) => range.contains(slot.range))
      .map((slot) => {
        const value = values[slot.name];
        const label = value === undefined ? 'unset' : secretNames.includes(slot.name) ? '= ••••' : `= ${shorten(value)}`;
        const hint = new vscode.InlayHint(slot.range.end, label, vscode.InlayHintKind.Type);
        hint.paddingLeft = true;
        if (value === undefined) hint.tooltip = `${slot.name} has no value here: declare a default, set it in the environment, or start an incident.`;
        return hint;
      });
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#changed.dispose();
  }
}

function shorten(value: string): string {
  const line = value.split('\n')[0] ?? '';
  return line.length > MAX_SHOWN || value.includes('\n') ? `${line.slice(0, MAX_SHOWN)}…` : line;
}
