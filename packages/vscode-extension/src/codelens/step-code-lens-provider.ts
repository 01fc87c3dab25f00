import * as vscode from 'vscode';
import type { Step, Template } from 'runbook-core';
import { loadCore, type RunbookCore } from '../core.ts';
import { commandGroups } from '../run/command-groups.ts';
import type { StepRuns } from '../run/step-runs.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { isRunnable } from '../runnable-step.ts';
import { stepKey, type StepTarget } from '../step-target.ts';
import { rangeOf } from '../vscode-range.ts';
import { commandLensTitle, stepLensTitle } from './command-lens-title.ts';
import type { RunLensFiles } from './run-lens-files.ts';
import { looksLikeRunbook } from './is-runbook-document.ts';

/**
 * Above each step: `▶ Run step` (`■ Cancel` while it runs), `Dry run`,
 * `Copy rendered`; above each command group of a multi-command block,
 * `▶ Run command(s) N` for it alone, N being the number `--command` takes;
 * above each template, `Copy rendered`. On a block of alternatives the
 * whole-block lens says the run asks which one. Only on runbooks (see
 * `RunLensFiles`): a README's install block gets none unless asked.
 */
export class StepCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#changed.event;
  readonly #subscriptions: vscode.Disposable[];

  constructor(
    private readonly documents: RunbookDocuments,
    private readonly runs: StepRuns,
    private readonly files: RunLensFiles,
  ) {
    this.#subscriptions = [runs.onDidChange(() => this.#changed.fire()), files.onDidChange(() => this.#changed.fire())];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.files.wants(document)) {
      // Not a runbook by its place or frontmatter; one reading like one is offered the lenses, once, at the top.
      if (!looksLikeRunbook(document.getText())) return [];
      const offer = { title: '▶ Enable Run lenses for this runbook', command: 'runbook.enableRunLenses', arguments: [document.uri] };
      return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), offer)];
    }
    const [runbook, core] = await Promise.all([this.documents.runbookOf(document), loadCore()]);
    const alternativesOf = (step: Step): number => {
      const section = runbook.sections.find((candidate) => candidate.slug === step.section);
      const textAbove = core.textAboveBlock((line) => (line <= document.lineCount ? document.lineAt(line - 1).text : ''), step.position.start.line);
      return core.findAlternatives(step, { ...(section === undefined ? {} : { sectionTitle: section.title }), textAbove }).length;
    };
    return [
      ...runbook.steps.filter(isRunnable).flatMap((step) => this.#stepLenses(document.uri, step, core, alternativesOf(step))),
      ...runbook.templates.map((template) => templateLens(document.uri, template)),
    ];
  }

  #stepLenses(uri: vscode.Uri, step: Step, core: RunbookCore, alternatives: number): vscode.CodeLens[] {
    const target: StepTarget = { uri, stepId: step.id };
    const fence = lineRange(rangeOf(step.position).start.line);
    const running = this.runs.isRunning(stepKey(uri, step.id));
    const lenses = [
      running
        ? new vscode.CodeLens(fence, { title: '■ Cancel', command: 'runbook.cancelStep', arguments: [target] })
        : new vscode.CodeLens(fence, {
            title: stepLensTitle(alternatives),
            tooltip: riskTooltip(step, alternatives),
            command: 'runbook.runStep',
            arguments: [target],
          }),
      new vscode.CodeLens(fence, { title: 'Dry run', tooltip: 'Show what would run, with which values', command: 'runbook.dryRunStep', arguments: [target] }),
      new vscode.CodeLens(fence, {
        title: 'Copy rendered',
        tooltip: 'Copy the code with ${VAR} filled in',
        command: 'runbook.copyRendered',
        arguments: [target],
      }),
    ];
    if (running) return lenses;
    for (const group of commandGroups(step)) {
      const first = group.commands[0];
      if (first === undefined) continue;
      const commands = group.commands.map((command) => command.index);
      lenses.push(
        new vscode.CodeLens(lineRange(rangeOf(first.position).start.line), {
          title: commandLensTitle(commands, group.heading, core),
          tooltip: `Run only ${group.commands.length === 1 ? 'this command' : `these ${group.commands.length} commands`} (${group.commands.map((command) => command.risk).join(', ')}): runbook run --command ${core.commandNumberList(commands.map(core.commandNumber))}`,
          command: 'runbook.runStep',
          arguments: [{ ...target, commands } satisfies StepTarget],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#changed.dispose();
  }
}

function templateLens(uri: vscode.Uri, template: Template): vscode.CodeLens {
  const target: StepTarget = { uri, stepId: template.id };
  return new vscode.CodeLens(lineRange(rangeOf(template.position).start.line), {
    title: 'Copy rendered',
    tooltip: 'Copy this template with ${VAR} filled in',
    command: 'runbook.copyRendered',
    arguments: [target],
  });
}

function lineRange(line: number): vscode.Range {
  return new vscode.Range(line, 0, line, 0);
}

function riskTooltip(step: Step, alternatives: number): string {
  if (alternatives > 0) return `This block offers ${alternatives} alternatives: you choose which one runs (risk up to ${step.risk})`;
  return `Run this step (risk: ${step.risk})`;
}
