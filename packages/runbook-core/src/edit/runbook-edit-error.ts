/**
 * Thrown when an edit is asked of something the runbook does not have (an
 * unknown item or step id) or with a value that cannot be written there.
 */
export class RunbookEditError extends Error {
  override name = 'RunbookEditError';
  /** The argument that was wrong, e.g. `itemId`. */
  readonly option: string;
  /** The value as given. */
  readonly value: unknown;

  constructor(option: string, value: unknown, reason: string) {
    super(`${option} ${JSON.stringify(value) ?? String(value)} ${reason}`);
    this.option = option;
    this.value = value;
  }
}
