// A TCP segment's payload as pieces: one array, or (zero-copy TX) the NIC's views of the guest RAM
// buffers a packet was gathered from, as an skb's fragments. Pieces are lent for the call that
// receives them: whoever keeps bytes copies them.
// Interface: new Payload(pieces); length; slice(from, to?) -> Payload; pieces.
export class Payload {
  readonly length: number;

  constructor(readonly pieces: Uint8Array[]) {
    let n = 0;
    for (const p of pieces) n += p.length;
    this.length = n;
  }

  /** Bytes [from, to) of the payload, as pieces (no copy). */
  slice(from: number, to = this.length): Payload {
    if (from <= 0 && to >= this.length) return this;
    const out: Uint8Array[] = [];
    let at = 0;
    for (const p of this.pieces) {
      const lo = Math.max(from - at, 0), hi = Math.min(to - at, p.length);
      if (hi > lo) out.push(lo === 0 && hi === p.length ? p : p.subarray(lo, hi));
      at += p.length;
      if (at >= to) break;
    }
    return new Payload(out);
  }
}
