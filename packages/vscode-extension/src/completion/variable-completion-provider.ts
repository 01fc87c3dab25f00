import * as vscode from 'vscode';
import type { Incidents } from '../incident/incidents.ts';
import { INCIDENT_VARIABLES } from '../run/step-values.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { templateValues } from '../template-values.ts';
import { rangeOf } from '../vscode-range.ts';

/** Inside steps and templates, after `$` or `${`: the declared variables and the incident's. */
export class VariableCompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggers = ['$', '{'];

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const prefix = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(document.lineAt(position.line).text.slice(0, position.character));
    if (prefix === null) return [];
    const runbook = await this.documents.runbookOf(document);
    const blocks = [...runbook.steps.map((step) => step.codePosition), ...runbook.templates.map((template) => template.codePosition)];
    if (!blocks.some((block) => rangeOf(block).contains(position))) return [];
    const { values, secretNames } = templateValues(runbook, this.incidents.current);
    const names = new Set([...Object.keys(runbook.meta.variables), ...Object.keys(values), ...INCIDENT_VARIABLES]);
    const typed = prefix[1] ?? '';
    const replace = new vscode.Range(position.translate(0, -typed.length), position);
    return [...names].map((name) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Variable);
      item.range = replace;
      const detail = runbook.meta.variables[name]?.description ?? (name.startsWith('INCIDENT_') ? 'incident value' : undefined);
      if (detail !== undefined) item.detail = detail;
      const value = values[name];
      item.documentation = value === undefined ? 'not set' : secretNames.includes(name) ? 'secret' : value;
      return item;
    });
  }
}
