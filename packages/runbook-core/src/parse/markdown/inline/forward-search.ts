/**
 * `input.indexOf(needle, from)` for calls whose `from` never decreases much:
 * remembers the last answer, so many failed searches for the same closer
 * (say, a thousand `<!--` and no `-->`) cost one scan, not one each.
 */
export class ForwardSearch {
  private lastFrom = Number.POSITIVE_INFINITY;
  private lastFound = -1;

  constructor(
    private readonly input: string,
    private readonly needle: string,
  ) {}

  find(from: number): number {
    // The first match at or after `lastFrom` is also the first at or after any later `from` it does not precede.
    if (from >= this.lastFrom && (this.lastFound === -1 || this.lastFound >= from)) return this.lastFound;
    this.lastFrom = from;
    this.lastFound = this.input.indexOf(this.needle, from);
    return this.lastFound;
  }
}
