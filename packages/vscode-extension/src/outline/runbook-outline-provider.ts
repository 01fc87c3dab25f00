import * as vscode from 'vscode';
import { stepStatusText } from '../decorations/step-status-text.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { StepRuns } from '../run/step-runs.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { stepKey } from '../step-target.ts';
import { rangeOf } from '../vscode-range.ts';
import { outlineTree, type OutlineNode } from './outline-tree.ts';

const ICONS = { section: 'symbol-namespace', step: 'play', checklist: 'checklist' } as const;

/** The "Runbook" view: the active runbook's sections, steps with their last status, and checklist progress. */
export class RunbookOutlineProvider implements vscode.TreeDataProvider<OutlineNode>, vscode.Disposable {
  static readonly viewId = 'runbook.outline';
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #subscriptions: vscode.Disposable[];
  #document: vscode.TextDocument | undefined;

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly runs: StepRuns,
    private readonly incidents: Incidents,
  ) {
    const refresh = (): void => this.#changed.fire();
    this.#subscriptions = [
      this.#changed,
      vscode.window.onDidChangeActiveTextEditor(refresh),
      documents.onDidChange(refresh),
      runs.onDidChange(refresh),
      incidents.onDidChange(refresh),
    ];
  }

  async getChildren(node?: OutlineNode): Promise<OutlineNode[]> {
    if (node) return node.children;
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'markdown') this.#document = active;
    const document = this.#document;
    if (document === undefined || document.isClosed) return [];
    const runbook = await this.documents.runbookOf(document);
    const incident = this.incidents.current;
    return outlineTree(runbook, incident, (step) => {
      const summary = incident?.status === 'open' ? incident.steps.get(step.id) : this.runs.last(stepKey(document.uri, step.id));
      return summary && stepStatusText(summary);
    });
  }

  getTreeItem(node: OutlineNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    if (node.description !== undefined) item.description = node.description;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind]);
    if (this.#document) {
      const start = rangeOf(node.position).start;
      item.command = {
        title: 'Go to',
        command: 'vscode.open',
        arguments: [this.#document.uri, { selection: new vscode.Range(start, start) } satisfies vscode.TextDocumentShowOptions],
      };
    }
    return item;
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}
