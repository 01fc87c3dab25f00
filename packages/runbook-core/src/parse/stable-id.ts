/**
 * Eight hex digits of a 32-bit FNV-1a hash of a block's code, line endings
 * normalised, so converting a file to CRLF keeps every id.
 */
export function codeHash(code: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < code.length; index++) {
    const unit = code.charCodeAt(index);
    if (unit === 13) {
      if (code.charCodeAt(index + 1) === 10) continue;
      hash = Math.imul(hash ^ 10, 0x01000193);
      continue;
    }
    hash = Math.imul(hash ^ unit, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** `scope/key`, or `key` alone for content before the first heading. */
export function scopedId(scope: string | undefined, key: string): string {
  return scope === undefined ? key : `${scope}/${key}`;
}

/** Makes ids unique in document order: the second `a` is `a~2`, the third `a~3`. */
export class IdRegistry {
  readonly #seen = new Map<string, number>();

  unique(id: string): string {
    let count = this.#seen.get(id);
    if (count === undefined) {
      this.#seen.set(id, 1);
      return id;
    }
    let candidate: string;
    do {
      count++;
      candidate = `${id}~${count}`;
    } while (this.#seen.has(candidate));
    this.#seen.set(id, count);
    this.#seen.set(candidate, 1);
    return candidate;
  }
}
