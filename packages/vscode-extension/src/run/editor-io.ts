import type { AlternativeChoice, AlternativeRequest, ConfirmationRequest, SessionIO, StepReport, ValueRequest } from 'runbook-core';

/** What the editor asks with: modal, input box and quick pick in VS Code; small fakes in tests. */
export interface EditorPrompts {
  /** A value; `undefined` when the box was dismissed. */
  askValue(request: ValueRequest): Promise<string | undefined>;
  confirm(request: ConfirmationRequest): Promise<boolean>;
  chooseAlternative(request: AlternativeRequest): Promise<AlternativeChoice>;
}

/** Where a run's output goes: the step's terminal in VS Code. */
export interface EditorOutput {
  output(stream: 'stdout' | 'stderr', text: string): void;
  ended(report: StepReport): void;
  /** The terminal an interactive step types into (a PTY behind the editor's terminal); absent, such steps are refused. */
  terminal?: SessionIO['terminal'];
}

/** A dismissed input box: the run stops, as Ctrl-C at a CLI prompt does. */
export class ValueDismissed extends Error {
  override name = 'ValueDismissed';
}

/**
 * The editor's side of a run session: it only asks and shows. Values,
 * secrets, the guard, confirmation rules, the journal and exports are the
 * session's, the same as the CLI's.
 */
export function editorIO(prompts: EditorPrompts, output: EditorOutput, signal: AbortSignal): SessionIO {
  return {
    interactive: true,
    signal,
    async ask(request) {
      const value = await prompts.askValue(request);
      if (value === undefined) throw new ValueDismissed(`no value was given for ${request.name}`);
      return value;
    },
    confirm: (request) => prompts.confirm(request),
    chooseAlternative: (request) => prompts.chooseAlternative(request),
    onOutput: (stream, text) => output.output(stream, text),
    // What the run waits for (another responder's approval, a cluster Job) shows in the step's terminal.
    onProgress: (message) => output.output('stderr', `${message}\n`),
    onStepEnd: (report) => output.ended(report),
    ...(output.terminal === undefined ? {} : { terminal: output.terminal }),
  };
}
