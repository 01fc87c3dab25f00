import * as vscode from 'vscode';
import type { StepEvent } from 'runbook-core';

/**
 * A read-only terminal showing one run's output as it streams (core has
 * already redacted it). Output that comes before the terminal opens is kept
 * and written on open.
 */
export class StepTerminal implements vscode.Disposable {
  readonly #write = new vscode.EventEmitter<string>();
  readonly #terminal: vscode.Terminal;
  #pending: string[] | undefined = [];

  constructor(name: string, header: string) {
    this.#put(`\x1b[2m${crlf(header)}\x1b[0m\r\n`);
    this.#terminal = vscode.window.createTerminal({
      name,
      iconPath: new vscode.ThemeIcon('play'),
      pty: {
        onDidWrite: this.#write.event,
        open: () => {
          const pending = this.#pending ?? [];
          this.#pending = undefined;
          for (const text of pending) this.#write.fire(text);
        },
        close: () => this.#write.dispose(),
      },
    });
    this.#terminal.show(true);
  }

  dispose(): void {
    this.#terminal.dispose();
  }

  readonly onEvent = (event: StepEvent): void => {
    if (event.type === 'stdout') this.#put(crlf(event.chunk));
    else if (event.type === 'stderr') this.#put(`\x1b[31m${crlf(event.chunk)}\x1b[0m`);
    else if (event.type === 'finished') {
      const colour = event.result.failed ? 31 : 32;
      this.#put(`\r\n\x1b[${colour}m${crlf(event.result.shortMessage)}\x1b[0m\r\n`);
    }
  };

  #put(text: string): void {
    if (this.#pending) this.#pending.push(text);
    else this.#write.fire(text);
  }
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
