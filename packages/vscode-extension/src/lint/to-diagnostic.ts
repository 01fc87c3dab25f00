import * as vscode from 'vscode';
import type { LintMessage } from 'runbook-core';
import { rangeOf } from '../vscode-range.ts';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

const messages = new WeakMap<vscode.Diagnostic, LintMessage>();

/** A lint message as a diagnostic whose rule id links to the rule's docs. */
export function toDiagnostic(message: LintMessage): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(message.position), message.reason, SEVERITY[message.severity]);
  diagnostic.source = 'runbook';
  diagnostic.code = { value: message.ruleId, target: vscode.Uri.parse(message.url) };
  messages.set(diagnostic, message);
  return diagnostic;
}

/** The lint message behind a diagnostic this extension published (quick fixes read its `fix`). */
export function lintMessageOf(diagnostic: vscode.Diagnostic): LintMessage | undefined {
  return messages.get(diagnostic);
}
