// The host's own copy bandwidth, the yardstick for guest I/O: Buffer.copy (a memmove in V8) of
// `bytes` between two buffers allocated and touched once, so no page fault of fresh memory is timed.
// Interface: new Memcpy(bytes); mbps() -> MB/s (10^6 bytes per second), the median of COPIES copies.
import { ms, summarize } from "./stats";

const COPIES = 5;

export class Memcpy {
  private src: Buffer;
  private dst: Buffer;

  constructor(readonly bytes: number) {
    this.src = Buffer.alloc(bytes, 0x5a);
    this.dst = Buffer.alloc(bytes);
    this.src.copy(this.dst);                         // fault in every page of both
  }

  /** The median bandwidth of COPIES timed copies of the whole buffer, back to back. */
  mbps(): number {
    const t: number[] = [];
    for (let i = 0; i < COPIES; i++) {
      const t0 = ms();
      this.src.copy(this.dst);
      t.push(ms() - t0);
    }
    return this.bytes / 1e3 / summarize(t).median;
  }
}
