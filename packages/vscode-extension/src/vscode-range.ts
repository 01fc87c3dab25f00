import * as vscode from 'vscode';
import type { Position } from 'runbook-core';
import { toZeroBased } from './positions.ts';

export function rangeOf(position: Position): vscode.Range {
  const { start, end } = toZeroBased(position);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}
