import * as vscode from 'vscode';
import type { Runbook, TemplateSlot } from 'runbook-core';
import type { RunbookCore } from './core.ts';
import { rangeOf } from './vscode-range.ts';

/** A `${VAR}` in a step or template, placed in the document. */
export interface PlacedSlot {
  name: string;
  range: vscode.Range;
}

/** The `${VAR}` slots in the runbook's steps and templates (those within `range`, if given), in document coordinates. */
export function variableSlots(core: RunbookCore, document: vscode.TextDocument, runbook: Runbook, range?: vscode.Range): PlacedSlot[] {
  const blocks = [
    ...runbook.steps.map((step) => ({ text: step.code, start: step.codePosition.start.offset, position: step.codePosition })),
    ...runbook.templates.map((template) => ({ text: template.text, start: template.codePosition.start.offset, position: template.codePosition })),
  ].filter((block) => range === undefined || rangeOf(block.position).intersection(range) !== undefined);
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
