// UTC formatting shared by ids, timelines and status updates: incidents cross time zones.

/** Zero-padded decimal, e.g. `padNumber(7)` is `07`. */
export function padNumber(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
const pad = padNumber;

/** `YYYY-MM-DD` */
export function utcDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `HH:MM` */
export function utcClock(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** `YYYY-MM-DD HH:MM UTC`, like the runbook's `date -u`. */
export function utcDateTime(date: Date): string {
  return `${utcDate(date)} ${utcClock(date)} UTC`;
}

/** `2d 3h 5m`, `1h 0m`, `45m`, `30s`: whole units, largest first. */
export function humanDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3600) % 24;
  const days = Math.floor(totalSeconds / 86_400);
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m`;
}

/** Strict ISO-8601 UTC timestamp as written by `Date#toISOString`. */
export function isIsoUtc(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/.test(value) && !Number.isNaN(Date.parse(value));
}
