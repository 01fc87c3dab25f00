/** A step's log file holds at most this many bytes of output by default: 100 MiB. */
export const DEFAULT_LOG_LIMIT = 100 * 1024 * 1024;

/** The line that ends a log cut at `limit` bytes. */
export function logTruncationMarker(limit: number): string {
  return `\n[runbook: log truncated at ${limit} bytes (the log limit); the rest of the output was not written here]\n`;
}

const units: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/**
 * A size as people write it: `65536`, `64k`, `100MiB`, `1G` (powers of 1024,
 * case ignored). `undefined` when it is not one, for the caller to say where
 * it came from.
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? units[(match[2] as string).toLowerCase()] : undefined;
  if (!match || factor === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
