/** A command contributed in package.json and registered under the same id. */
export interface Command {
  readonly id: `runbook.${string}`;
  execute(...args: unknown[]): unknown;
}
