// Path-level operations on a wsfs image for the host tools (mkfs, cp, ls) and tests: paths are
// absolute ("/a/b"; repeated slashes ignored), parents must exist, errors are FsErrors.
// Interface: WsFs.open(store, writable?), new WsFs(img); stat(path), readFile(path),
// writeFile(path, data, mode?), mkdir(path, mode?), list(path), remove(path), sync(); symlink(path,
// target), readlink(path), link(existing, path), setTimes(path, atime, mtime, ctime?) (ns);
// hostFileMode(data, hostMode) -> the mode a host file gets on the image (mkfs --from, cp).
import type { BlockStore } from "../devices/blockstore";
import { ROOT_INO, S_IFDIR, S_IFREG, S_IFLNK, S_IFMT, S_IXUGO, DT_DIR, DT_REG, DT_LNK, SYMLINK_MAX, MAXSYMLINKS } from "../../kernel/abi/fs";
import { FsError } from "./error";
import { Image } from "./image";
import { isDir, isLnk, type Inode } from "./inode";
import { dirAdd, dirInit, dirList, dirLookup, dirRemove } from "./dir";

export interface Stat { ino: number; mode: number; nlink: number; size: number; blocks: number; isDir: boolean;
  atime: bigint; mtime: bigint; ctime: bigint }
export interface Entry extends Stat { name: string }

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];   // "\0asm"

/** A host file's mode on the image: 0755 when the host may execute it or it is a wasm module (a
 *  program, though a build tool may have written it without execute bits), else 0644. execve
 *  needs an execute bit, as on Linux. */
export function hostFileMode(data: Uint8Array, hostMode: number): number {
  const wasm = data.length >= 4 && WASM_MAGIC.every((b, i) => data[i] === b);
  return hostMode & S_IXUGO || wasm ? 0o755 : 0o644;
}

const statOf = (ip: Inode): Stat =>
  ({ ino: ip.ino, mode: ip.mode, nlink: ip.nlink, size: ip.size, blocks: ip.blocks, isDir: isDir(ip),
    atime: ip.atime, mtime: ip.mtime, ctime: ip.ctime });

function splitPath(path: string): string[] { return path.split("/").filter((p) => p !== ""); }

export class WsFs {
  constructor(readonly img: Image) {}

  static open(store: BlockStore, writable = false): WsFs { return new WsFs(Image.open(store, writable)); }

  /** The inode at path (following "." and ".." entries like any other). Symbolic links inside the
   *  path are followed as the kernel follows them (at most MAXSYMLINKS, then ELOOP); a final one is
   *  the answer (the tools act on links themselves), unless the path ends in "/". */
  lookup(path: string): Inode {
    const parts = splitPath(path);
    if (path.endsWith("/") && parts.length) parts[parts.length - 1] += "/";
    let ip = this.img.readInode(ROOT_INO), links = 0;
    while (parts.length) {
      let name = parts.shift()!;
      const slash = name.endsWith("/");
      if (slash) name = name.slice(0, -1);
      if (!isDir(ip)) throw new FsError("ENOTDIR", path);
      const e = dirLookup(this.img, ip, name);
      if (!e) throw new FsError("ENOENT", path);
      const next = this.img.readInode(e.ino);
      if (isLnk(next) && (parts.length > 0 || slash)) {
        if (++links > MAXSYMLINKS) throw new FsError("ELOOP", path);
        const target = new TextDecoder().decode(this.img.readData(next, 0, next.size));
        const more = splitPath(target);
        if (target.endsWith("/") && more.length) more[more.length - 1] += "/";
        if (slash && more.length && !more[more.length - 1].endsWith("/")) more[more.length - 1] += "/";
        parts.unshift(...more);
        if (target.startsWith("/")) ip = this.img.readInode(ROOT_INO);
        continue;
      }
      if (slash && !isDir(next)) throw new FsError("ENOTDIR", path);
      ip = next;
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
      if (isLnk(ip)) throw new FsError("EEXIST", `${path}: a symbolic link`);
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

  /** A symbolic link at path holding target (1 .. SYMLINK_MAX bytes, not looked up). */
  symlink(path: string, target: string): void {
    const bytes = new TextEncoder().encode(target);
    if (bytes.length === 0) throw new FsError("ENOENT", `${path}: empty target`);
    if (bytes.length > SYMLINK_MAX) throw new FsError("ENAMETOOLONG", `${path}: target of ${bytes.length} bytes`);
    const { dp, name } = this.parent(path);
    if (dirLookup(this.img, dp, name)) throw new FsError("EEXIST", path);
    const ip = this.img.allocInode(S_IFLNK | 0o777);
    ip.nlink = 1;
    this.undoing(ip, () => { dirAdd(this.img, dp, name, ip.ino, DT_LNK); this.img.writeData(ip, 0, bytes); });
  }

  /** The target of the symbolic link at path (the link itself, not followed). */
  readlink(path: string): string {
    const ip = this.lookup(path);
    if (!isLnk(ip)) throw new FsError("EINVAL", `${path}: not a symbolic link`);
    return new TextDecoder().decode(this.img.readData(ip, 0, ip.size));
  }

  /** A second name for the file at `existing` (not a directory). */
  link(existing: string, path: string): void {
    const ip = this.lookup(existing);
    if (isDir(ip)) throw new FsError("EINVAL", `${existing}: a directory`);
    const { dp, name } = this.parent(path);
    if (dirLookup(this.img, dp, name)) throw new FsError("EEXIST", path);
    dirAdd(this.img, dp, name, ip.ino, isLnk(ip) ? DT_LNK : DT_REG);
    ip.nlink++;
    this.img.writeInode(ip);
  }

  /** Set the times (ns since the epoch) of the inode at path; ctime defaults to mtime. */
  setTimes(path: string, atime: bigint, mtime: bigint, ctime = mtime): void {
    const ip = this.lookup(path);
    ip.atime = atime; ip.mtime = mtime; ip.ctime = ctime;
    this.img.writeInode(ip);
  }

  sync(): void { this.img.sync(); }

  /** Run fn; if it fails (out of space, a bad name), free the new inode ip before rethrowing. */
  private undoing(ip: Inode, fn: () => void): void {
    try { fn(); } catch (e) { this.img.freeInode(ip); throw e; }
  }
}
