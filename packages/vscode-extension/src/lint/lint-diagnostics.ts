import * as vscode from 'vscode';
import type { AnyLintRule } from 'runbook-core';
import { loadCore, type RunbookCore } from '../core.ts';
import type { RunbookDocuments } from '../runbook-documents.ts';
import { textLength } from '../text-length.ts';
import { toDiagnostic } from './to-diagnostic.ts';

const DEBOUNCE_MS = 300;
/** Above this many characters, linting (seconds, on the extension host's one thread) waits for open and save. */
const LIVE_LINT_MAX = 200_000;
/** Rules that run an external tool per block: too slow to rerun on every keystroke. */
const TOOL_RULES = new Set(['shellcheck']);

/**
 * Core's lint rules as live diagnostics. While typing (debounced, longer for
 * longer files) the in-process rules run, up to LIVE_LINT_MAX characters;
 * rules that run tools (shellcheck) run on open and save, and never in an
 * untrusted folder.
 */
export class LintDiagnostics implements vscode.Disposable {
  readonly #collection = vscode.languages.createDiagnosticCollection('runbook');
  readonly #pending = new Map<string, { timer: NodeJS.Timeout | undefined; abort: AbortController | undefined }>();
  readonly #subscriptions: vscode.Disposable[];

  constructor(private readonly documents: RunbookDocuments) {
    this.#subscriptions = [
      this.#collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 'full')),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document, 'full')),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, 'typing')),
      vscode.workspace.onDidCloseTextDocument((document) => this.#forget(document.uri)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const document of vscode.workspace.textDocuments) this.schedule(document, 'full');
      }),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 'full');
  }

  /** Diagnostics of a document as last published. */
  of(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.#collection.get(uri) ?? [];
  }

  schedule(document: vscode.TextDocument, when: 'full' | 'typing'): void {
    if (document.languageId !== 'markdown' || document.uri.scheme === 'output') return;
    const length = textLength(document);
    if (when === 'typing' && length > LIVE_LINT_MAX) return;
    // About one more millisecond per kilobyte: a long runbook waits for a real pause.
    const delayMs = when === 'full' ? 0 : DEBOUNCE_MS + Math.round(length / 1000);
    const key = document.uri.toString();
    const pending = this.#pending.get(key);
    if (pending?.timer) clearTimeout(pending.timer);
    pending?.abort?.abort();
    const entry: { timer: NodeJS.Timeout | undefined; abort: AbortController | undefined } = { timer: undefined, abort: undefined };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.abort = new AbortController();
      void this.#lint(document, when === 'full', entry.abort.signal);
    }, delayMs);
    this.#pending.set(key, entry);
  }

  async #lint(document: vscode.TextDocument, withTools: boolean, signal: AbortSignal): Promise<void> {
    const core = await loadCore();
    const version = document.version;
    const runbook = await this.documents.runbookOf(document);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    try {
      const messages = await core.lintRunbook(runbook, {
        source: document.getText(),
        path: document.uri.fsPath,
        rules: rulesFor(core, withTools),
        ...configFor(core, document),
        ...(folder ? { cwd: folder } : {}),
        signal,
      });
      if (signal.aborted || document.version !== version || document.isClosed) return;
      this.#collection.set(document.uri, messages.map(toDiagnostic));
    } catch (error) {
      if (signal.aborted) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.#collection.set(document.uri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `runbook lint: ${reason}`, vscode.DiagnosticSeverity.Error)]);
    }
  }

  #forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.#pending.get(key);
    if (pending?.timer) clearTimeout(pending.timer);
    pending?.abort?.abort();
    this.#pending.delete(key);
    this.#collection.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.#pending.keys()]) this.#forget(vscode.Uri.parse(uri));
    for (const subscription of this.#subscriptions) subscription.dispose();
  }
}

function rulesFor(core: RunbookCore, withTools: boolean): readonly AnyLintRule[] {
  // Running a tool on an untrusted folder's files is exactly what Restricted Mode forbids.
  if (withTools && vscode.workspace.isTrusted) return core.builtinRules;
  return core.builtinRules.filter((rule) => !TOOL_RULES.has(rule.id));
}

/** The nearest `runbook.config.json` (or package.json `runbook` key) above the file; a broken one throws, with its reason. */
function configFor(
  core: RunbookCore,
  document: vscode.TextDocument,
): { config?: NonNullable<ReturnType<InstanceType<RunbookCore['ConfigFinder']>['forFile']>>['config'] } {
  if (document.uri.scheme !== 'file') return {};
  const loaded = new core.ConfigFinder(core.builtinRules).forFile(document.uri.fsPath);
  return loaded ? { config: loaded.config } : {};
}
