import * as vscode from 'vscode';
import { ChecklistCodeLensProvider } from './codelens/checklist-code-lens-provider.ts';
import { RunLensFiles } from './codelens/run-lens-files.ts';
import { StepCodeLensProvider } from './codelens/step-code-lens-provider.ts';
import { AssignRoleCommand } from './commands/assign-role.ts';
import { CancelStepCommand } from './commands/cancel-step.ts';
import type { Command } from './commands/command.ts';
import { CopyRenderedCommand } from './commands/copy-rendered.ts';
import { CopyStatusUpdateCommand } from './commands/copy-status-update.ts';
import { DecideApprovalCommand } from './commands/decide-approval.ts';
import { DryRunStepCommand } from './commands/dry-run-step.ts';
import { EnableRunLensesCommand } from './commands/enable-run-lenses.ts';
import { ExportTimelineCommand } from './commands/export-timeline.ts';
import { WriteReviewCommand } from './commands/write-review.ts';
import { ResolveIncidentCommand } from './commands/resolve-incident.ts';
import { RunStepCommand } from './commands/run-step.ts';
import { StartIncidentCommand } from './commands/start-incident.ts';
import { SwitchIncidentCommand } from './commands/switch-incident.ts';
import { ToggleChecklistItemCommand } from './commands/toggle-checklist-item.ts';
import { VariableCompletionProvider } from './completion/variable-completion-provider.ts';
import { ChecklistDecorations } from './decorations/checklist-decorations.ts';
import type { DrawnDecoration } from './decorations/markdown-decorations.ts';
import { StepStatusDecorations } from './decorations/step-status-decorations.ts';
import { ChecklistHoverProvider } from './hover/checklist-hover-provider.ts';
import { VariableHoverProvider } from './hover/variable-hover-provider.ts';
import { ApprovalCodeLensProvider } from './incident/approval-code-lens-provider.ts';
import { ApprovalNotifications } from './incident/approval-notifications.ts';
import { IncidentStatusBar } from './incident/incident-status-bar.ts';
import { Incidents } from './incident/incidents.ts';
import { LiveIncident } from './incident/live-incident.ts';
import { VariableInlayHintsProvider } from './inlay/variable-inlay-hints-provider.ts';
import { LintDiagnostics } from './lint/lint-diagnostics.ts';
import { LintQuickFixes } from './lint/lint-quick-fixes.ts';
import { RunbookOutlineProvider } from './outline/runbook-outline-provider.ts';
import { StepRunner } from './run/step-runner.ts';
import { StepRuns } from './run/step-runs.ts';
import { RunbookDocuments } from './runbook-documents.ts';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** What the extension shows, as data: for tests and for other extensions. */
export interface RunbookExtensionApi {
  stepDecorations(uri: vscode.Uri): DrawnDecoration[];
  checklistDecorations(uri: vscode.Uri): DrawnDecoration[];
  statusBarText(): string | undefined;
  /** The last approval request notified, as one line. */
  approvalNotice(): string | undefined;
  diagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): RunbookExtensionApi {
  const started = performance.now();
  const documents = new RunbookDocuments();
  const runs = new StepRuns();
  const incidents = new Incidents();
  const runner = new StepRunner(runs, incidents);
  const stepStatus = new StepStatusDecorations(documents, runs, incidents);
  const checklist = new ChecklistDecorations(documents, incidents);
  const statusBar = new IncidentStatusBar(incidents);
  const runLensFiles = new RunLensFiles();
  const codeLenses = new StepCodeLensProvider(documents, runs, runLensFiles);
  const checklistLenses = new ChecklistCodeLensProvider(documents, incidents);
  const inlayHints = new VariableInlayHintsProvider(documents, incidents);
  const lint = new LintDiagnostics(documents);
  const outline = new RunbookOutlineProvider(documents, runs, incidents);
  const live = new LiveIncident(incidents);
  const approvals = new ApprovalNotifications(incidents);
  const approvalLenses = new ApprovalCodeLensProvider(documents, incidents);
  const commands: (Command & Partial<vscode.Disposable>)[] = [
    new RunStepCommand(documents, runner),
    new CancelStepCommand(runs),
    new DryRunStepCommand(documents, runner),
    new CopyRenderedCommand(documents, incidents),
    new StartIncidentCommand(documents, incidents),
    new SwitchIncidentCommand(incidents),
    new ResolveIncidentCommand(incidents),
    new ExportTimelineCommand(incidents),
    new WriteReviewCommand(documents, incidents),
    new CopyStatusUpdateCommand(documents, incidents),
    new ToggleChecklistItemCommand(documents, incidents),
    new EnableRunLensesCommand(runLensFiles),
    new AssignRoleCommand(incidents),
    new DecideApprovalCommand(incidents),
  ];
  context.subscriptions.push(
    documents,
    runs,
    incidents,
    stepStatus,
    checklist,
    statusBar,
    runLensFiles,
    codeLenses,
    checklistLenses,
    inlayHints,
    lint,
    outline,
    live,
    approvals,
    approvalLenses,
    vscode.languages.registerCodeLensProvider(MARKDOWN, approvalLenses),
    vscode.window.registerTreeDataProvider(RunbookOutlineProvider.viewId, outline),
    ...commands.map((command) => vscode.commands.registerCommand(command.id, command.execute, command)),
    ...commands.flatMap((command) => (command.dispose ? [{ dispose: () => command.dispose?.() }] : [])),
    vscode.languages.registerCodeLensProvider(MARKDOWN, codeLenses),
    vscode.languages.registerCodeLensProvider(MARKDOWN, checklistLenses),
    vscode.languages.registerHoverProvider(MARKDOWN, new VariableHoverProvider(documents, incidents)),
    vscode.languages.registerHoverProvider(MARKDOWN, new ChecklistHoverProvider(documents, incidents)),
    vscode.languages.registerInlayHintsProvider(MARKDOWN, inlayHints),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new LintQuickFixes(), LintQuickFixes.metadata),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new VariableCompletionProvider(documents, incidents), ...VariableCompletionProvider.triggers),
  );
  // The outline view shows once a runbook activated us, so the view never activates us at startup.
  void vscode.commands.executeCommand('setContext', 'runbook.active', true);
  void incidents.reload();
  const activationMs = performance.now() - started;
  return {
    activationMs,
    stepDecorations: (uri) => stepStatus.drawn(uri),
    checklistDecorations: (uri) => checklist.drawn(uri),
    statusBarText: () => statusBar.text,
    approvalNotice: () => approvals.lastNotice,
    diagnostics: (uri) => lint.of(uri),
  };
}

export function deactivate(): void {}
