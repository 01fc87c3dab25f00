import * as vscode from 'vscode';
import type { IncidentLocation, IncidentState, JournalEventInput, SlackNotice, StartIncidentOptions } from 'runbook-core';
import { loadCore } from '../core.ts';

/**
 * The current incident of the workspace, as the replay of its journal in
 * `<folder>/.runbook/`. Reloads whenever the journal changes, whoever wrote it
 * (this window, another one, the CLI).
 */
export class Incidents implements vscode.Disposable {
  #current: IncidentState | undefined;
  #reloading: Promise<void> | undefined;
  readonly #changed = new vscode.EventEmitter<IncidentState | undefined>();
  readonly #subscriptions: vscode.Disposable[] = [this.#changed];
  readonly onDidChange = this.#changed.event;

  constructor() {
    const folder = this.folder;
    if (folder === undefined) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.runbook/**'));
    // The shared store's local copy (`.runbook/team-store/`) is rewritten by every read: reloading on it
    // would loop, re-firing changes so fast that VS Code never asks the lenses again. Its changes arrive
    // through the store's own pushes (LiveIncident).
    const reload = (uri: vscode.Uri): void => {
      if (!uri.path.includes('/.runbook/team-store/')) void this.reload();
    };
    this.#subscriptions.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
  }

  /** Where incidents live: the first workspace folder. */
  get folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  get current(): IncidentState | undefined {
    return this.#current;
  }

  location(): IncidentLocation & { workspace: string } {
    const folder = this.folder;
    if (folder === undefined) throw new Error('Open a folder first: incidents are kept in its .runbook/ folder.');
    return { workspace: folder.uri.fsPath };
  }

  /** Re-reads the current incident; concurrent calls share one read. */
  reload(): Promise<void> {
    this.#reloading ??= this.#read().finally(() => (this.#reloading = undefined));
    return this.#reloading;
  }

  async start(options: Omit<StartIncidentOptions, 'workspace' | 'store'>): Promise<IncidentState> {
    const core = await loadCore();
    const state = await core.startIncident({ ...options, ...this.location() });
    this.#set(state);
    await this.announce(state.id, core.slackNotices.started(state, state.startedBy ?? core.currentUser()));
    return state;
  }

  async switchTo(id: string): Promise<IncidentState> {
    const core = await loadCore();
    await core.setCurrentIncident(id, this.location());
    const state = await core.loadIncident(id, this.location());
    this.#set(state);
    return state;
  }

  async resolve(summary: string | undefined): Promise<IncidentState> {
    const core = await loadCore();
    const current = this.#requireCurrent();
    const state = await core.resolveIncident(current.id, { ...this.location(), ...(summary ? { summary } : {}) });
    this.#set(state);
    await this.announce(state.id, core.slackNotices.resolved(state));
    return state;
  }

  /**
   * Posts a notice to Slack as the CLI does, when the workspace or the
   * runbook configures it (core decides, journals the outcome and never
   * throws); what went wrong is a warning, never a stop.
   */
  async announce(id: string, notice: SlackNotice): Promise<boolean> {
    const core = await loadCore();
    const { posted, warnings } = await core.notifySlack(id, notice, { location: this.location(), who: core.currentUser(), env: process.env });
    for (const warning of warnings) void vscode.window.showWarningMessage(`Runbook: ${warning}`);
    return posted;
  }

  /** Appends an event to an incident's journal (the current one's unless named) and reloads. */
  async record(input: JournalEventInput, id: string = this.#requireCurrent().id): Promise<void> {
    const core = await loadCore();
    await core.recordEvent(id, input, this.location());
    await this.reload();
  }

  /** One incident, open or closed, read afresh from its journal. */
  async load(id: string): Promise<IncidentState> {
    const core = await loadCore();
    return core.loadIncident(id, this.location());
  }

  async list(): Promise<IncidentState[]> {
    const core = await loadCore();
    return core.loadIncidents(this.location());
  }

  #requireCurrent(): IncidentState {
    if (this.#current === undefined) throw new Error('No current incident: start one first (Runbook: Start Incident).');
    return this.#current;
  }

  async #read(): Promise<void> {
    if (this.folder === undefined) return;
    const core = await loadCore();
    const id = await core.currentIncident(this.location());
    this.#set(id === undefined ? undefined : await core.loadIncident(id, this.location()));
  }

  #set(state: IncidentState | undefined): void {
    this.#current = state;
    this.#changed.fire(state);
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}
