import type * as vscode from 'vscode';
import { loadCore } from '../core.ts';
import type { Incidents } from './incidents.ts';

/** How often the file store's journal is read for changes made elsewhere (the CLI, another window). */
const FILE_POLL_MS = 500;

/**
 * Keeps the current incident live when its store pushes changes (a shared
 * store's `watch`): every append by anyone reloads it, so ticks, step
 * results, roles, severity, approvals and the status bar follow without a
 * reload of the window. A file store cannot push: its journal is read
 * again every half second (besides the file watcher of `Incidents`).
 */
export class LiveIncident implements vscode.Disposable {
  readonly #subscription: vscode.Disposable;
  #watched: string | undefined;
  #stop: Promise<(() => Promise<void>) | undefined> = Promise.resolve(undefined);
  #disposed = false;

  constructor(private readonly incidents: Incidents) {
    this.#subscription = incidents.onDidChange((state) => this.#follow(state?.id));
  }

  /** The incident followed through its store's pushes, for tests. */
  get watched(): string | undefined {
    return this.#watched;
  }

  #follow(id: string | undefined): void {
    if (id === this.#watched || this.#disposed) return;
    this.#watched = id;
    const previous = this.#stop;
    this.#stop = previous.then(async (stop) => {
      await stop?.();
      if (id === undefined || this.#disposed) return undefined;
      const core = await loadCore();
      // The workspace's configuration chooses the store. A file store's journal is also read on a timer:
      // file watchers miss appends by other processes on some hosts (a remote VS Code, network folders).
      return core.watchIncident(this.incidents.location(), id, () => void this.incidents.reload(), { pollMs: FILE_POLL_MS });
    });
    this.#stop.catch(() => undefined);
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription.dispose();
    void this.#stop.then((stop) => stop?.()).catch(() => undefined);
  }
}
