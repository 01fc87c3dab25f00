/**
 * The one place a command's 0-based `index` (the model's, `runStep`'s
 * `commands` option) meets the 1-based number people see and type: `list`,
 * `plan`, lenses, errors, the journal and `--command` all use the number.
 */
export function commandNumber(index: number): number {
  return index + 1;
}

/** The `index` of the command a person calls `number`. */
export function commandIndex(number: number): number {
  return number - 1;
}

/** `1–7`, `1`, or `none` when the step has no commands: the valid numbers, for errors. */
export function commandNumberRange(count: number): string {
  if (count === 0) return 'none';
  return count === 1 ? '1' : `1–${count}`;
}

/** `3`, `5-6`, `1,3`: command numbers as `--command` takes them. */
export function commandNumberList(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first !== undefined && last !== undefined && sorted.length > 1 && last - first === sorted.length - 1) return `${first}-${last}`;
  return sorted.join(',');
}
