// A copy-on-write store over a read-only base store: the embedded default disk. Reads come from the
// base (read lazily from the image file) until a 4 KiB block is written; written blocks live in a
// map, so many machines can share one base image and none changes it.
// Interface: new OverlayStore(base: BlockStore) (a BlockStore).
import type { BlockStore } from "./blockstore";
import { BLOCK_SIZE } from "../../kernel/abi/fs";

const BLOCK = BLOCK_SIZE;   // the file system's block: what one write usually touches

export class OverlayStore implements BlockStore {
  readonly size: number;
  private blocks = new Map<number, Uint8Array>();

  constructor(private base: BlockStore) { this.size = base.size; }

  read(offset: number, dst: Uint8Array): void {
    for (let done = 0; done < dst.length; ) {
      const pos = offset + done, b = Math.floor(pos / BLOCK), o = pos % BLOCK;
      const n = Math.min(dst.length - done, BLOCK - o);
      const blk = this.blocks.get(b);
      if (blk) dst.set(blk.subarray(o, o + n), done);
      else this.base.read(pos, dst.subarray(done, done + n));
      done += n;
    }
  }

  write(offset: number, src: Uint8Array): void {
    for (let done = 0; done < src.length; ) {
      const pos = offset + done, b = Math.floor(pos / BLOCK), o = pos % BLOCK;
      const n = Math.min(src.length - done, BLOCK - o);
      let blk = this.blocks.get(b);
      if (!blk) { blk = new Uint8Array(BLOCK); this.base.read(b * BLOCK, blk); this.blocks.set(b, blk); }
      blk.set(src.subarray(done, done + n), o);
      done += n;
    }
  }

  flush(): void {}
}
