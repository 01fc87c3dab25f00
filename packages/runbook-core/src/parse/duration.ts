const unitMilliseconds = new Map<string, number>(
  Object.entries({
    ms: 1,
    s: 1000,
    sec: 1000,
    secs: 1000,
    second: 1000,
    seconds: 1000,
    m: 60_000,
    min: 60_000,
    mins: 60_000,
    minute: 60_000,
    minutes: 60_000,
    h: 3_600_000,
    hr: 3_600_000,
    hrs: 3_600_000,
    hour: 3_600_000,
    hours: 3_600_000,
    d: 86_400_000,
    day: 86_400_000,
    days: 86_400_000,
  }),
);

const part = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gy;

/**
 * Milliseconds of a duration such as `30s`, `5m`, `1h30m`, `1.5h` or
 * `15 minutes`; `undefined` when the text is not one. A bare number is
 * rejected (except `0`): `timeout=30` could mean seconds or milliseconds, and
 * guessing wrong kills a step early or lets it hang.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '0') return 0;
  if (trimmed === '') return undefined;
  part.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let match = part.exec(trimmed); match !== null; match = part.exec(trimmed)) {
    const unit = unitMilliseconds.get(match[2] ?? '');
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    end = part.lastIndex;
  }
  return end === trimmed.length ? Math.round(total) : undefined;
}
