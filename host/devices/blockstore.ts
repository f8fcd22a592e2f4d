// Block stores: the bytes behind a disk. The virtio-blk device and the wsfs image tools read and
// write through this one interface, over memory (tests, mkfs) or over a host image file.
// Interface: BlockStore { size, read(offset, dst), write(offset, src), flush() };
// new MemStore(bytes) / MemStore.copyOf(bytes) / memStore.saveTo(path, usedBytes);
// FileStore.open(path) / fileStore.close().
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";

export interface BlockStore {
  readonly size: number;                         // bytes
  read(offset: number, dst: Uint8Array): void;   // fills dst from offset (throws past the end)
  write(offset: number, src: Uint8Array): void;
  flush(): void;                                 // durable when it returns
}

function checkRange(store: BlockStore, offset: number, len: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + len > store.size) {
    throw new RangeError(`block store: ${len} bytes at ${offset} outside 0..${store.size}`);
  }
}

/** A store over a byte array in memory (shared, not copied). */
export class MemStore implements BlockStore {
  constructor(readonly bytes: Uint8Array) {}
  static copyOf(bytes: Uint8Array): MemStore { return new MemStore(bytes.slice()); }
  get size(): number { return this.bytes.length; }
  read(offset: number, dst: Uint8Array): void {
    checkRange(this, offset, dst.length);
    dst.set(this.bytes.subarray(offset, offset + dst.length));
  }
  write(offset: number, src: Uint8Array): void {
    checkRange(this, offset, src.length);
    this.bytes.set(src, offset);
  }
  flush(): void {}
  /** Write the image to a host file: the first usedBytes, the rest left as a sparse tail. */
  saveTo(path: string, usedBytes = this.size): void {
    const fd = openSync(path, "w");
    try {
      for (let off = 0; off < usedBytes;) off += writeSync(fd, this.bytes, off, Math.min(usedBytes - off, 1 << 30), off);
      ftruncateSync(fd, this.size);
    } finally { closeSync(fd); }
  }
}

/** A store over a host image file opened read-write; flush() is fsync. */
export class FileStore implements BlockStore {
  private fd: number;
  readonly size: number;
  private constructor(fd: number) { this.fd = fd; this.size = fstatSync(fd).size; }
  static open(path: string, mode: "r+" | "r" = "r+"): FileStore { return new FileStore(openSync(path, mode)); }
  read(offset: number, dst: Uint8Array): void {
    checkRange(this, offset, dst.length);
    for (let done = 0; done < dst.length;) {
      const n = readSync(this.fd, dst, done, dst.length - done, offset + done);
      if (n === 0) throw new Error(`block store: short read at ${offset + done}`);
      done += n;
    }
  }
  write(offset: number, src: Uint8Array): void {
    checkRange(this, offset, src.length);
    for (let done = 0; done < src.length;) done += writeSync(this.fd, src, done, src.length - done, offset + done);
  }
  flush(): void { fsyncSync(this.fd); }
  close(): void { if (this.fd >= 0) { closeSync(this.fd); this.fd = -1; } }
}
