// Path-level operations on a wsfs image for the host tools (mkfs, cp, ls) and tests: paths are
// absolute ("/a/b"; repeated slashes ignored), parents must exist, errors are FsErrors.
// Interface: WsFs.open(store, writable?), new WsFs(img); stat(path), readFile(path),
// writeFile(path, data, mode?), mkdir(path, mode?), list(path), remove(path), sync().
import type { BlockStore } from "../devices/blockstore";
import { ROOT_INO, S_IFDIR, S_IFREG, S_IFMT, DT_DIR, DT_REG } from "../../kernel/abi/fs";
import { FsError } from "./error";
import { Image } from "./image";
import { isDir, type Inode } from "./inode";
import { dirAdd, dirInit, dirList, dirLookup, dirRemove } from "./dir";

export interface Stat { ino: number; mode: number; nlink: number; size: number; blocks: number; isDir: boolean }
export interface Entry extends Stat { name: string }

const statOf = (ip: Inode): Stat =>
  ({ ino: ip.ino, mode: ip.mode, nlink: ip.nlink, size: ip.size, blocks: ip.blocks, isDir: isDir(ip) });

function splitPath(path: string): string[] { return path.split("/").filter((p) => p !== ""); }

export class WsFs {
  constructor(readonly img: Image) {}

  static open(store: BlockStore, writable = false): WsFs { return new WsFs(Image.open(store, writable)); }

  /** The inode at path (following "." and ".." entries like any other). */
  lookup(path: string): Inode {
    let ip = this.img.readInode(ROOT_INO);
    for (const name of splitPath(path)) {
      if (!isDir(ip)) throw new FsError("ENOTDIR", path);
      const e = dirLookup(this.img, ip, name);
      if (!e) throw new FsError("ENOENT", path);
      ip = this.img.readInode(e.ino);
    }
    return ip;
  }

  /** The parent directory of path and the last name in it. */
  private parent(path: string): { dp: Inode; name: string } {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError("EEXIST", `${path} is the root`);
    const dp = this.lookup(parts.join("/"));
    if (!isDir(dp)) throw new FsError("ENOTDIR", path);
    return { dp, name };
  }

  stat(path: string): Stat { return statOf(this.lookup(path)); }

  readFile(path: string): Uint8Array {
    const ip = this.lookup(path);
    if (isDir(ip)) throw new FsError("EISDIR", path);
    return this.img.readData(ip, 0, ip.size);
  }

  /** Create or replace a regular file (its parent must exist). */
  writeFile(path: string, data: Uint8Array, mode = 0o644): void {
    const { dp, name } = this.parent(path);
    const e = dirLookup(this.img, dp, name);
    let ip: Inode;
    if (e) {
      ip = this.img.readInode(e.ino);
      if (isDir(ip)) throw new FsError("EISDIR", path);
      this.img.truncate(ip);
    } else {
      ip = this.img.allocInode(S_IFREG | (mode & ~S_IFMT));
      ip.nlink = 1;
      this.undoing(ip, () => dirAdd(this.img, dp, name, ip.ino, DT_REG));
    }
    this.img.writeData(ip, 0, data);
  }

  mkdir(path: string, mode = 0o755): void {
    const { dp, name } = this.parent(path);
    if (dirLookup(this.img, dp, name)) throw new FsError("EEXIST", path);
    const ip = this.img.allocInode(S_IFDIR | (mode & ~S_IFMT));
    ip.nlink = 2;
    this.undoing(ip, () => { dirInit(this.img, ip, dp.ino, DT_DIR); dirAdd(this.img, dp, name, ip.ino, DT_DIR); });
    dp.nlink++;
    this.img.writeInode(dp);
  }

  /** A directory's entries without "." and "..", sorted by name. */
  list(path: string): Entry[] {
    const dp = this.lookup(path);
    if (!isDir(dp)) throw new FsError("ENOTDIR", path);
    return dirList(this.img, dp).filter((e) => e.slot >= 2)
      .map((e) => ({ name: e.name, ...statOf(this.img.readInode(e.ino)) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Remove a file, or an empty directory. */
  remove(path: string): void {
    const { dp, name } = this.parent(path);
    const e = dirLookup(this.img, dp, name);
    if (!e || e.slot < 2) throw new FsError(e ? "EINVAL" : "ENOENT", path);
    const ip = this.img.readInode(e.ino);
    if (isDir(ip) && dirList(this.img, ip).length > 2) throw new FsError("ENOTEMPTY", path);
    dirRemove(this.img, dp, name);
    if (isDir(ip)) { dp.nlink--; this.img.writeInode(dp); ip.nlink = 0; }
    else ip.nlink--;
    if (ip.nlink === 0) this.img.freeInode(ip);
    else this.img.writeInode(ip);
  }

  sync(): void { this.img.sync(); }

  /** Run fn; if it fails (out of space, a bad name), free the new inode ip before rethrowing. */
  private undoing(ip: Inode, fn: () => void): void {
    try { fn(); } catch (e) { this.img.freeInode(ip); throw e; }
  }
}
