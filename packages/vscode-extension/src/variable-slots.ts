import * as vscode from 'vscode';
import type { Runbook, TemplateSlot } from 'runbook-core';
import type { RunbookCore } from './core.ts';

/** A `${VAR}` in a step or template, placed in the document. */
export interface PlacedSlot {
  name: string;
  range: vscode.Range;
}

/** Every `${VAR}` slot in the runbook's steps and templates, in document coordinates. */
export function variableSlots(core: RunbookCore, document: vscode.TextDocument, runbook: Runbook): PlacedSlot[] {
  const blocks = [
    ...runbook.steps.map((step) => ({ text: step.code, start: step.codePosition.start.offset })),
    ...runbook.templates.map((template) => ({ text: template.text, start: template.codePosition.start.offset })),
  ];
  return blocks.flatMap(({ text, start }) =>
    core
      .findTemplateSlots(text)
      .filter((slot: TemplateSlot) => slot.kind === 'variable')
      .map((slot) => ({
        name: slot.name,
        range: new vscode.Range(document.positionAt(start + slot.position.start.offset), document.positionAt(start + slot.position.end.offset)),
      })),
  );
}
