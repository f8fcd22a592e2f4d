// An in-memory copy of one wsfs bitmap (inodes or blocks): bit i is byte i>>3, bit i&7, LSB first.
// Interface: new Bitmap(bytes, n); get(i), set(i), clear(i), findClear(from) -> index or -1,
// countClear(from, to).
export class Bitmap {
  constructor(readonly bytes: Uint8Array, readonly n: number) {}

  get(i: number): boolean { return (this.bytes[i >> 3] & (1 << (i & 7))) !== 0; }
  set(i: number): void { this.bytes[i >> 3] |= 1 << (i & 7); }
  clear(i: number): void { this.bytes[i >> 3] &= ~(1 << (i & 7)); }

  /** The lowest clear bit at or after `from` (below n), or -1. Skips full bytes at once. */
  findClear(from: number): number {
    for (let i = from; i < this.n;) {
      if ((i & 7) === 0 && this.bytes[i >> 3] === 0xff) { i += 8; continue; }
      if (!this.get(i)) return i;
      i++;
    }
    return -1;
  }

  countClear(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) if (!this.get(i)) n++;
    return n;
  }
}
