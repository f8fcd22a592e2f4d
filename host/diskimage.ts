// Which disk a machine boots with: the embedded default image (dist/rootfs.img, shared copy-on-write
// between machines), caller-supplied bytes, a host image file (written in place, FLUSH = fsync), or none.
// Interface: DiskSource, openDisk(source) -> BlockStore | null, defaultImagePath().
import { existsSync } from "node:fs";
import { distPath } from "./paths";
import { MemStore, FileStore, type BlockStore } from "./devices/blockstore";
import { OverlayStore } from "./devices/overlay";

export type DiskSource = Uint8Array | string | BlockStore | null | undefined;   // a BlockStore is used as is

let embedded: BlockStore | null = null;   // the image file, opened read-only once per process

export function defaultImagePath(): string { return distPath("rootfs.img"); }

export function openDisk(src: DiskSource): BlockStore | null {
  if (src === null) return null;
  if (src instanceof Uint8Array) return MemStore.copyOf(src);
  if (src && typeof src === "object") return src;
  if (typeof src === "string") {
    if (!existsSync(src)) throw new Error(`${src}: no such disk image`);
    return FileStore.open(src);
  }
  const path = defaultImagePath();
  if (!existsSync(path)) return null;
  embedded ??= FileStore.open(path, "r");
  return new OverlayStore(embedded);
}
