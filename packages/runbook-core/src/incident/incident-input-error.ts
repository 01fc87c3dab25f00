/**
 * Thrown when a caller passes a value the incident API cannot accept: a bad id,
 * an unknown severity, a month like `2026-13`. The CLI turns it into exit 2.
 */
export class IncidentInputError extends Error {
  override name = 'IncidentInputError';
  /** The option or argument that was wrong, e.g. `severity`. */
  readonly option: string;
  /** The value as given. */
  readonly value: unknown;

  constructor(option: string, value: unknown, reason: string) {
    super(`${option} ${quote(value)} ${reason}`);
    this.option = option;
    this.value = value;
  }
}

/** Shows a value unambiguously, control characters escaped. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `'${JSON.stringify(value).slice(1, -1).replaceAll("'", "\\'")}'`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value);
}
