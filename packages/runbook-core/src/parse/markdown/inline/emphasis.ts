import { ASTERISK } from '../character-codes.ts';

const CAN_OPEN = 1;
const CAN_CLOSE = 2;

/**
 * The `*` and `_` runs that may open or close emphasis, in input order, and
 * the CommonMark "process emphasis" procedure over them. Each run's remaining
 * length lives in the caller's `lengths` array (at the run's `slot`), so it
 * survives the run leaving this stack; what is left when all is done shows
 * as literal text.
 */
export class Delimiters {
  private readonly slots: number[] = [];
  private readonly markers: number[] = [];
  private readonly flags: number[] = [];
  private count = 0;

  constructor(private readonly lengths: number[]) {}

  get size(): number {
    return this.count;
  }

  push(slot: number, marker: number, canOpen: boolean, canClose: boolean): void {
    const index = this.count++;
    this.slots[index] = slot;
    this.markers[index] = marker;
    this.flags[index] = (canOpen ? CAN_OPEN : 0) | (canClose ? CAN_CLOSE : 0);
  }

  /**
   * Pairs the runs from `bottom` up into emphasis and strong emphasis, then
   * drops them all from the stack. Follows micromark, which applies the
   * "rule of 3" to the runs' remaining lengths, not their original ones.
   * Linear: per kind of closer (marker, can-open, length mod 3), openers known
   * not to match are not searched again, unless a match shortens one of them.
   */
  process(bottom: number): void {
    const size = this.count - bottom;
    this.count = bottom;
    if (size < 2) return;
    const { slots, markers, flags, lengths } = this;
    const previous = new Int32Array(size);
    const next = new Int32Array(size);
    for (let index = 0; index < size; index++) {
      previous[index] = index - 1;
      next[index] = index + 1;
    }
    const unlink = (index: number): void => {
      const before = previous[index]!;
      const after = next[index]!;
      if (before >= 0) next[before] = after;
      if (after < size) previous[after] = before;
    };
    // Openers at or below `searchFloor[kind]` cannot match a closer of that kind.
    const searchFloor = new Int32Array(12).fill(-1);
    let closer = 0;
    while (closer < size) {
      const closerFlags = flags[bottom + closer]!;
      if (!(closerFlags & CAN_CLOSE)) {
        closer = next[closer]!;
        continue;
      }
      const marker = markers[bottom + closer]!;
      const closerSlot = slots[bottom + closer]!;
      const closerLength = lengths[closerSlot]!;
      const kind = (marker === ASTERISK ? 0 : 6) + (closerFlags & CAN_OPEN ? 3 : 0) + (closerLength % 3);
      let opener = previous[closer]!;
      while (opener > searchFloor[kind]!) {
        const openerFlags = flags[bottom + opener]!;
        if (openerFlags & CAN_OPEN && markers[bottom + opener] === marker) {
          const openerLength = lengths[slots[bottom + opener]!]!;
          const bothWays = (openerFlags & CAN_CLOSE) !== 0 || (closerFlags & CAN_OPEN) !== 0;
          if (!(bothWays && closerLength % 3 !== 0 && (openerLength + closerLength) % 3 === 0)) break;
        }
        opener = previous[opener]!;
      }
      if (opener <= searchFloor[kind]!) {
        searchFloor[kind] = closer - 1;
        const following = next[closer]!;
        if (!(closerFlags & CAN_OPEN)) unlink(closer);
        closer = following;
        continue;
      }
      const openerSlot = slots[bottom + opener]!;
      const openerLength = lengths[openerSlot]!;
      const used = openerLength > 1 && closerLength > 1 ? 2 : 1;
      lengths[openerSlot] = openerLength - used;
      lengths[closerSlot] = closerLength - used;
      // Runs between the pair can no longer pair with anything.
      next[opener] = closer;
      previous[closer] = opener;
      if (openerLength === used) {
        unlink(opener);
      } else {
        // The opener changed length: searches that skipped it must see it again.
        for (let other = 0; other < 12; other++) if (searchFloor[other]! >= opener) searchFloor[other] = opener - 1;
      }
      if (closerLength === used) {
        const following = next[closer]!;
        unlink(closer);
        closer = following;
      }
    }
  }
}
