import * as vscode from 'vscode';

/** A decoration as drawn: plain data, so tests can see what the user sees. */
export interface DrawnDecoration {
  /** 0-based line. */
  line: number;
  text: string;
}

/** Redraws decorations in every visible Markdown editor when any of `triggers` fires, and remembers what it drew. */
export abstract class MarkdownDecorations implements vscode.Disposable {
  readonly #drawn = new Map<string, DrawnDecoration[]>();
  readonly #subscriptions: vscode.Disposable[];

  constructor(triggers: readonly vscode.Event<unknown>[], types: readonly vscode.TextEditorDecorationType[]) {
    const refresh = (): void => void this.refresh();
    this.#subscriptions = [vscode.window.onDidChangeVisibleTextEditors(refresh), ...triggers.map((trigger) => trigger(refresh)), ...types];
  }

  drawn(uri: vscode.Uri): DrawnDecoration[] {
    return this.#drawn.get(uri.toString()) ?? [];
  }

  async refresh(): Promise<void> {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId === 'markdown') this.#drawn.set(editor.document.uri.toString(), await this.draw(editor));
    }
  }

  /** Sets this kind's decorations on one editor; returns what it drew. */
  protected abstract draw(editor: vscode.TextEditor): Promise<DrawnDecoration[]>;

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}
