import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const found = new Map<string, string | undefined>();

/** The first executable `name` on a PATH, cached per PATH value; undefined when absent. */
export function findExecutable(name: string, path: string | undefined): string | undefined {
  const key = `${name}\0${path ?? ''}`;
  if (found.has(key)) return found.get(key);
  let result: string | undefined;
  for (const folder of (path ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      result = candidate;
      break;
    } catch {
      // Not here; try the next folder.
    }
  }
  found.set(key, result);
  return result;
}
