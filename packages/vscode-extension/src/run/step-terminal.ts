import * as vscode from 'vscode';
import type { StepReport } from 'runbook-core';
import { runResultText } from './run-result-text.ts';

/**
 * The terminal a step's runs stream to (core has already redacted the
 * output): one per step, reused by its next run while the user keeps it open.
 * Output that comes before the terminal opens is kept and written on open.
 * What is typed goes to the step only when it runs in a pseudo-terminal
 * (an interactive step); otherwise the terminal is read-only.
 */
export class StepTerminal implements vscode.Disposable {
  readonly #write = new vscode.EventEmitter<string>();
  readonly #terminal: vscode.Terminal;
  #pending: string[] | undefined = [];
  #closed = false;
  #size = { columns: 80, rows: 24 };
  #typeInto: ((data: string) => void) | undefined;

  /** For an interactive step: the size it starts with, and where typed keys go. */
  readonly terminal: { columns: number; rows: number; input: (write: (data: string) => void) => void };

  readonly #stepName: string;

  /** `stepName` is what a person calls the step (see `stepNames`); the tab reads `Runbook: <stepName>`. */
  constructor(stepName: string, header: string) {
    this.#stepName = stepName;
    const size = () => this.#size;
    this.terminal = {
      get columns() {
        return size().columns;
      },
      get rows() {
        return size().rows;
      },
      input: (write) => {
        this.#typeInto = write;
      },
    };
    this.#put(`\x1b[2m${crlf(header)}\x1b[0m\r\n`);
    this.#terminal = vscode.window.createTerminal({
      name: `Runbook: ${stepName}`,
      iconPath: new vscode.ThemeIcon('play'),
      pty: {
        onDidWrite: this.#write.event,
        open: () => {
          const pending = this.#pending ?? [];
          this.#pending = undefined;
          for (const text of pending) this.#write.fire(text);
        },
        close: () => {
          this.#closed = true;
          this.#write.dispose();
        },
        handleInput: (data: string) => this.#typeInto?.(data),
        setDimensions: (size: vscode.TerminalDimensions) => {
          this.#size = { columns: size.columns, rows: size.rows };
        },
      },
    });
    this.#terminal.show(true);
  }

  /** The terminal's tab name, e.g. `Runbook: Roll back the deployment`. */
  get name(): string {
    return this.#terminal.name;
  }

  /** The user closed it: the step's next run opens a new one. */
  get closed(): boolean {
    return this.#closed || this.#terminal.exitStatus !== undefined;
  }

  /** Starts the next run of the step in this terminal: a header, keys typed no longer reach the last run. */
  rerun(header: string): void {
    this.#typeInto = undefined;
    this.#put(`\r\n\x1b[2m${crlf(header)}\x1b[0m\r\n`);
    this.#terminal.show(true);
  }

  dispose(): void {
    this.#terminal.dispose();
  }

  /** Output as it comes (the session has redacted it). */
  readonly output = (stream: 'stdout' | 'stderr', text: string): void => {
    this.#put(stream === 'stdout' ? crlf(text) : `\x1b[31m${crlf(text)}\x1b[0m`);
  };

  /** How the run ended, by the step's name, refusals included (they name the guard's expected and actual context). */
  readonly ended = (report: StepReport): void => {
    const colour = report.status === 'succeeded' ? 32 : report.status === 'failed' ? 31 : 33;
    this.#put(`\r\n\x1b[${colour}m${crlf(runResultText(this.#stepName, report))}\x1b[0m\r\n`);
  };

  #put(text: string): void {
    if (this.#pending) this.#pending.push(text);
    else this.#write.fire(text);
  }
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
