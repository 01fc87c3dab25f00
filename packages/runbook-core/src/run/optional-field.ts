/**
 * `{ [key]: value }`, or no key at all when the value is `undefined`: with
 * `exactOptionalPropertyTypes`, an optional field is absent, never `undefined`.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
