import { dirname } from 'node:path';
import type * as vscode from 'vscode';
import type { Runbook, RunSession, Step, StepReport } from 'runbook-core';
import { loadCore } from '../core.ts';
import type { Incidents } from '../incident/incidents.ts';
import { readSettings } from '../settings.ts';
import { stepName, stepNames } from '../step-names.ts';
import { stepKey } from '../step-target.ts';
import { confirmStep } from './confirm-step.ts';
import { editorIO, ValueDismissed } from './editor-io.ts';
import type { RunStepOutcome } from './run-step-outcome.ts';
import type { StepRuns } from './step-runs.ts';
import { StepTerminal } from './step-terminal.ts';
import { vscodePrompts } from './vscode-prompts.ts';

/**
 * Runs a step through core's run session, the same one the CLI uses: values
 * and their precedence, secrets, the context guard, confirmation, alternatives,
 * the journal and exports are the session's. The editor supplies the
 * prompts (modal, input box, quick pick) and the terminal the output streams to.
 */
export class StepRunner {
  /** What earlier runs exported, per incident (`''` outside one), secrets included; kept in memory only. */
  readonly #exported = new Map<string, Record<string, string>>();
  /** Each step's terminal: its next run reuses it while it is open. */
  readonly #terminals = new Map<string, StepTerminal>();

  constructor(
    private readonly runs: StepRuns,
    private readonly incidents: Incidents,
  ) {}

  async run(document: vscode.TextDocument, runbook: Runbook, step: Step, commands?: number[]): Promise<RunStepOutcome> {
    const key = stepKey(document.uri, step.id);
    const names = stepNames(runbook);
    const name = names.get(step.id) ?? `step ${step.index + 1}`;
    if (this.runs.isRunning(key)) return { status: 'busy', reason: `Step "${name}" is already running.` };
    const opened = await this.#open(document, runbook);
    if (!opened.ok) return { status: 'refused', reason: opened.message };
    const { session, exportsKey } = opened;
    const sessionStep = session.step(step.id) ?? step;
    if (readSettings(document.uri).confirmation === 'always' && !(await this.#confirmAnyStep(session, sessionStep, commands, name))) {
      return { status: 'refused', reason: 'The run was declined.' };
    }

    const terminal = this.#terminalFor(key, name, `${name} · ${document.uri.fsPath}`);
    const signal = this.runs.start(key);
    let report: StepReport | undefined;
    try {
      const io = editorIO(vscodePrompts(names), { output: terminal.output, ended: terminal.ended, terminal: terminal.terminal }, signal);
      const result = await session.run([sessionStep], io, commands === undefined ? {} : { commands });
      report = result.steps[0];
      if (result.problem !== undefined) return { status: 'refused', reason: result.problem };
    } catch (error) {
      if (error instanceof ValueDismissed) return { status: 'refused', reason: `${error.message}; nothing ran.` };
      throw error;
    } finally {
      this.runs.finish(key, report);
      this.#exported.set(exportsKey, { ...this.#exported.get(exportsKey), ...session.exports() });
      if (session.incident !== undefined) await this.incidents.reload();
    }
    if (report === undefined) return { status: 'refused', reason: 'Nothing ran.' };
    if (report.status === 'refused') return { status: 'refused', reason: report.message };
    return { status: 'finished', report };
  }

  /** What a run would do, rendered for a person (the dry run), with the guard's verdict. */
  async plan(document: vscode.TextDocument, runbook: Runbook, step: Step, commands?: number[]): Promise<string> {
    const core = await loadCore();
    const opened = await this.#open(document, runbook);
    if (!opened.ok) return `Refused: ${opened.message}`;
    const prepared = await opened.session.prepare(opened.session.step(step.id) ?? step, commands);
    const lines = [core.renderPlan({ ...prepared.plan, stepName: stepName(runbook, step) })];
    if (prepared.guard && prepared.guard.code !== 'no-cluster')
      lines.push(`Context guard: ${prepared.guard.allowed ? 'allows' : 'REFUSES'} — ${prepared.guard.reason}`);
    if (prepared.refusal) lines.push(`Would be refused: ${prepared.refusal.reason}`);
    return lines.join('\n');
  }

  async #open(document: vscode.TextDocument, runbook: Runbook) {
    const core = await loadCore();
    const incident = this.incidents.current?.status === 'open' ? this.incidents.current : undefined;
    const exportsKey = incident?.id ?? '';
    const shell = readSettings(document.uri).shell || runbook.meta.shell;
    const opened = await core.openRunSession({
      runbook: {
        runbook: { ...runbook, meta: { ...runbook.meta, ...(shell ? { shell } : {}) } },
        dir: dirname(document.uri.fsPath),
        source: document.getText(),
      },
      ...(incident === undefined ? {} : { incident: { workspace: this.incidents.location().workspace, id: incident.id } }),
      env: process.env,
      earlierExports: this.#exported.get(exportsKey) ?? {},
    });
    return opened.ok ? { ok: true as const, session: opened.session, exportsKey } : opened;
  }

  async #confirmAnyStep(session: RunSession, step: Step, commands: number[] | undefined, stepName: string): Promise<boolean> {
    const prepared = await session.prepare(step, commands);
    // The session asks for these itself, through the same modal.
    if (prepared.plan.confirmation !== undefined) return true;
    return confirmStep({ plan: prepared.plan, prepared, stepName });
  }

  /** The step's terminal: the last run's while the user keeps it open, else a new one. */
  #terminalFor(key: string, name: string, header: string): StepTerminal {
    const last = this.#terminals.get(key);
    if (last !== undefined && !last.closed) {
      last.rerun(header);
      return last;
    }
    const terminal = new StepTerminal(name, header);
    this.#terminals.set(key, terminal);
    return terminal;
  }
}
