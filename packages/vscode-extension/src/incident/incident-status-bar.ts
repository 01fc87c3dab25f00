import * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import type { Incidents } from './incidents.ts';
import { LateUpdateNotices } from './late-update-notice.ts';
import { statusBarText } from './status-bar-text.ts';

const TICK_MS = 15_000;
const COPY_UPDATE = 'Copy Status Update';

/**
 * Incident id, severity, elapsed time, next status update (warning when
 * overdue) and kube context; once an update is late, one notification per
 * due moment, offering to copy the update.
 */
export class IncidentStatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('runbook.incident', vscode.StatusBarAlignment.Left, 50);
  readonly #subscription: vscode.Disposable;
  readonly #timer: NodeJS.Timeout;
  #kubeContext: string | undefined;
  readonly #late = new LateUpdateNotices();
  /** The last late notice shown, for tests. */
  lastLateNotice: string | undefined;

  constructor(private readonly incidents: Incidents) {
    this.#item.name = 'Runbook incident';
    this.#item.command = 'runbook.switchIncident';
    this.#subscription = incidents.onDidChange(() => void this.update());
    this.#timer = setInterval(() => void this.update(), TICK_MS);
  }

  /** The text shown, for tests. */
  get text(): string | undefined {
    return this.#item.text === '' ? undefined : this.#item.text;
  }

  async update(): Promise<void> {
    const current = this.incidents.current;
    if (current === undefined) {
      this.#item.hide();
      return;
    }
    const core = await loadCore();
    await this.#readKubeContext(core);
    const status = core.incidentStatus(current);
    const { text, warning } = statusBarText(status, this.#kubeContext, Date.now(), current.roles?.commander);
    this.#item.text = `$(flame) ${text}`;
    const roles = Object.entries(current.roles ?? {}).map(([role, person]) => `${role}: ${person}`);
    this.#item.tooltip = [current.title ?? current.id, ...roles, 'Click to switch incident.'].join('\n');
    // A late update is urgent (red); a response still due is a warning.
    this.#item.backgroundColor = status.updateOverdue
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : warning
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.#item.show();
    this.#tellIfLate(status);
  }

  #tellIfLate(status: Parameters<LateUpdateNotices['notice']>[0]): void {
    const notice = this.#late.notice(status, Date.now());
    if (notice === undefined) return;
    this.lastLateNotice = notice;
    void vscode.window.showWarningMessage(`Runbook: ${notice}`, COPY_UPDATE).then((choice) => {
      if (choice === COPY_UPDATE) void vscode.commands.executeCommand('runbook.copyStatusUpdate', { incident: status.id });
    });
  }

  async #readKubeContext(core: Awaited<ReturnType<typeof loadCore>>): Promise<void> {
    const result = await core.readCurrentKubeContext();
    this.#kubeContext = result.ok ? result.current.context : undefined;
  }

  dispose(): void {
    clearInterval(this.#timer);
    this.#subscription.dispose();
    this.#item.dispose();
  }
}
