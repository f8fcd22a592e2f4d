// mkfs: lay a fresh wsfs on a store (or a new in-memory image of a size): superblock, bitmaps,
// inode table, the root directory, then a host directory tree and/or a list of files, in sorted
// name order so the same input gives the same image byte for byte. Ends clean (FS_CLEAN).
// A host tree's symbolic links are copied as links, files with several names (hard links) once
// with every name, and with keepTimes the host's atime and mtime (ctime = mtime) are kept.
// Interface: mkfs(store | bytes, { from?, files?, ninodes?, warn?, keepTimes? }) -> the store;
// contentBytes(dir) -> bytes a tree needs in blocks; defaultImageBytes(dir?, files?).
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join } from "node:path";
import { MemStore, type BlockStore } from "../devices/blockstore";
import { BLOCK_SIZE, ROOT_INO, S_IFDIR, DT_DIR } from "../../kernel/abi/fs";
import { FsError } from "./error";
import { Image } from "./image";
import { dirInit } from "./dir";
import { hostFileMode, WsFs } from "./files";
import { layout } from "./superblock";

export interface MkfsFile { path: string; data: Uint8Array; mode?: number }
export interface MkfsOptions {
  from?: string;                     // host directory copied to "/" (files, directories, symbolic links)
  files?: MkfsFile[];                // more files; missing parent directories are made
  ninodes?: number;                  // default: blocks / 4, at least 64
  warn?: (msg: string) => void;      // skipped special files (devices, fifos, sockets)
  keepTimes?: boolean;               // with `from`: the host's atime and mtime (default: 0, reproducible)
}

const MiB = 1 << 20;

export function mkfs(target: number, opts?: MkfsOptions): MemStore;
export function mkfs<S extends BlockStore>(target: S, opts?: MkfsOptions): S;
export function mkfs(target: number | BlockStore, opts: MkfsOptions = {}): BlockStore {
  const store = typeof target === "number" ? new MemStore(new Uint8Array(target)) : target;
  const sb = layout(Math.floor(store.size / BLOCK_SIZE), opts.ninodes);
  if (sb.dataStart + 1 >= sb.nblocks) throw new FsError("ENOSPC", `image of ${store.size} bytes is too small`);
  const img = Image.create(store, sb);
  const root = img.allocInode(S_IFDIR | 0o755);
  if (root.ino !== ROOT_INO) throw new Error(`mkfs: root got inode ${root.ino}`);
  root.nlink = 2;
  dirInit(img, root, ROOT_INO, DT_DIR);
  const fs = new WsFs(img);
  if (opts.from !== undefined) copyTree(fs, opts.from, "", { warn: opts.warn ?? (() => {}), keepTimes: opts.keepTimes ?? false, seen: new Map() });
  for (const f of opts.files ?? []) {
    makeParents(fs, f.path);
    fs.writeFile(f.path, f.data, f.mode ?? hostFileMode(f.data, 0));
  }
  img.sync();
  return store;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

interface Copy { warn: (msg: string) => void; keepTimes: boolean; seen: Map<string, string> }   // seen: "dev:ino" -> first path

function copyTree(fs: WsFs, hostDir: string, at: string, c: Copy): void {
  for (const e of readdirSync(hostDir, { withFileTypes: true }).sort(byName)) {
    const src = join(hostDir, e.name), dst = `${at}/${e.name}`;
    const st = lstatSync(src, { bigint: true });
    if (e.isDirectory()) { fs.mkdir(dst); copyTree(fs, src, dst, c); }
    else if (e.isSymbolicLink()) fs.symlink(dst, readlinkSync(src, "utf8"));
    else if (e.isFile()) {
      const key = `${st.dev}:${st.ino}`, first = st.nlink > 1n ? c.seen.get(key) : undefined;
      if (first !== undefined) { fs.link(first, dst); continue; }     // a hard link: the same inode
      if (st.nlink > 1n) c.seen.set(key, dst);
      const data = readFileSync(src);
      fs.writeFile(dst, data, hostFileMode(data, Number(st.mode)));
    } else { c.warn(`mkfs: skipping ${src}: not a regular file, directory or symbolic link`); continue; }
    if (c.keepTimes) fs.setTimes(dst, st.atimeNs, st.mtimeNs);
  }
  if (c.keepTimes && at !== "") { const st = statSync(hostDir, { bigint: true }); fs.setTimes(at, st.atimeNs, st.mtimeNs); }
}

function makeParents(fs: WsFs, path: string): void {
  const parts = path.split("/").filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const dir = "/" + parts.slice(0, i).join("/");
    try { if (!fs.stat(dir).isDir) throw new FsError("ENOTDIR", dir); }
    catch (e) { if ((e as FsError).code === "ENOENT") fs.mkdir(dir); else throw e; }
  }
}

/** Bytes a host tree takes in whole blocks (files rounded up, a block per directory). */
export function contentBytes(dir: string): number {
  let n = BLOCK_SIZE;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += contentBytes(p);
    else if (e.isFile()) n += Math.ceil(lstatSync(p).size / BLOCK_SIZE) * BLOCK_SIZE;
  }
  return n;
}

/** The CLI's default image size for a tree and more files: content + 25% + 8 MiB, rounded up to 1 MiB. */
export function defaultImageBytes(dir?: string, files: MkfsFile[] = []): number {
  let n = dir === undefined ? 0 : contentBytes(dir);
  for (const f of files) n += Math.ceil(f.data.length / BLOCK_SIZE) * BLOCK_SIZE;
  return Math.ceil((n * 1.25 + 8 * MiB) / MiB) * MiB;
}
