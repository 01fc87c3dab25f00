/** Core's numbering, passed in: the extension loads core lazily, so pure code takes it as an argument. */
export interface CommandNumbering {
  commandNumber(index: number): number;
  commandNumberList(numbers: readonly number[]): string;
}

/**
 * The title of the lens above a command group: the numbers `runbook run
 * --command`, `plan` and `list` show for the same commands, then the heading,
 * e.g. `▶ Run commands 5-6 · 5. Rollback Deployment`.
 */
export function commandLensTitle(indexes: readonly number[], heading: string | undefined, numbering: CommandNumbering): string {
  const numbers = numbering.commandNumberList(indexes.map((index) => numbering.commandNumber(index)));
  const label = heading?.replace(/\s*\n\s*/g, ' / ').trim();
  return `▶ Run command${indexes.length === 1 ? '' : 's'} ${numbers}${label ? ` · ${label}` : ''}`;
}

/** The whole-block lens: a block of alternatives says it asks which one. */
export function stepLensTitle(alternatives: number): string {
  return alternatives > 0 ? `▶ Run step… (choose 1 of ${alternatives} alternatives)` : '▶ Run step';
}
