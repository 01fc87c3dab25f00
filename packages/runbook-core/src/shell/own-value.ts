/**
 * `record[key]` for keys that come from the analysed code: `toString` or
 * `__proto__` must not find Object.prototype members.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
