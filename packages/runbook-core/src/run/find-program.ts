import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Where `program` would be found: a name is looked up in `PATH` (from `env`),
 * a path with a slash is taken relative to `cwd`. `undefined` if not found
 * or not executable.
 */
export function findProgram(program: string, env: Readonly<Record<string, string | undefined>>, cwd: string): string | undefined {
  if (program === '') return undefined;
  if (program.includes('/')) return executable(isAbsolute(program) ? program : resolve(cwd, program));
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    const found = executable(join(directory === '' ? cwd : resolve(cwd, directory), program));
    if (found) return found;
  }
  return undefined;
}

function executable(path: string): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}
