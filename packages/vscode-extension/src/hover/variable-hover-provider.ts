import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { templateValues } from '../template-values.ts';
import { variableSlots } from '../variable-slots.ts';

/** The value a `${VAR}` will get: from the incident, a declared default or the environment; secrets hidden. */
export class VariableHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly documents: RunbookDocuments,
    private readonly incidents: Incidents,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const runbook = await this.documents.runbookOf(document);
    const core = await loadCore();
    const slot = variableSlots(core, document, runbook, new vscode.Range(position, position)).find((candidate) => candidate.range.contains(position));
    if (slot === undefined) return undefined;
    const { values, secretNames } = templateValues(runbook, this.incidents.current);
    const declaration = runbook.meta.variables[slot.name];
    const value = values[slot.name];
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**\`${slot.name}\`** `);
    if (value === undefined) markdown.appendMarkdown('— *not set*');
    else if (secretNames.includes(slot.name)) markdown.appendMarkdown('= `••••••` *(secret)*');
    else markdown.appendMarkdown('= ').appendCodeblock(value, 'text');
    if (declaration?.description) markdown.appendMarkdown(`\n\n${declaration.description}`);
    if (declaration === undefined && !(slot.name in values)) markdown.appendMarkdown('\n\nNot declared in the frontmatter `variables`.');
    return new vscode.Hover(markdown, slot.range);
  }
}
