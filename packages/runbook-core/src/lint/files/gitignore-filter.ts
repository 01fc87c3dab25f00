import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Tells whether a file is ignored by the `.gitignore` files of its folder
 * and every folder above it, up to the repository root (the folder holding
 * `.git`). Each `.gitignore` is read once.
 */
export class GitignoreFilter {
  readonly #byDir = new Map<string, Ignore | null>();
  readonly #isRoot = new Map<string, boolean>();

  ignores(file: string): boolean {
    for (let dir = dirname(file); ; ) {
      const rules = this.#rules(dir);
      if (rules?.ignores(toPosix(relative(dir, file)))) return true;
      const parent = dirname(dir);
      if (parent === dir || this.#isRepositoryRoot(dir)) return false;
      dir = parent;
    }
  }

  #rules(dir: string): Ignore | null {
    let rules = this.#byDir.get(dir);
    if (rules === undefined) {
      const file = join(dir, '.gitignore');
      rules = existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : null;
      this.#byDir.set(dir, rules);
    }
    return rules;
  }

  #isRepositoryRoot(dir: string): boolean {
    let root = this.#isRoot.get(dir);
    if (root === undefined) {
      root = existsSync(join(dir, '.git'));
      this.#isRoot.set(dir, root);
    }
    return root;
  }
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
