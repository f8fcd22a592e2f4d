// wsfs directories: files of DIRENT_SIZE slots, "." and ".." first, ino 0 = a free slot.
// Interface: Dirent; decodeDirents(bytes), nameProblem(bytes) -> string | null; dirInit(img, dp,
// parentIno), dirList(img, dp), dirLookup(img, dp, name), dirAdd(img, dp, name, ino, type),
// dirRemove(img, dp, name).
import { DIRENT_SIZE, NAME_MAX, Dirent as D } from "../../kernel/abi/fs";
import { FsError } from "./error";
import type { Image } from "./image";
import type { Inode } from "./inode";

export interface Dirent { slot: number; ino: number; type: number; nameLen: number; name: string; nameBytes: Uint8Array }

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Every slot of a directory's bytes, free ones (ino 0) included. */
export function decodeDirents(bytes: Uint8Array): Dirent[] {
  const out: Dirent[] = [];
  for (let off = 0; off + DIRENT_SIZE <= bytes.length; off += DIRENT_SIZE) {
    const v = new DataView(bytes.buffer, bytes.byteOffset + off, DIRENT_SIZE);
    const nameLen = v.getUint8(D.nameLen), len = Math.min(nameLen, DIRENT_SIZE - D.name);
    const nameBytes = bytes.slice(off + D.name, off + D.name + len);
    out.push({ slot: off / DIRENT_SIZE, ino: v.getUint32(D.ino, true), type: v.getUint8(D.type), nameLen,
      name: fromUtf8.decode(nameBytes), nameBytes });
  }
  return out;
}

/** Why these bytes cannot be a name in a directory entry, or null. */
export function nameProblem(b: Uint8Array): string | null {
  if (b.length === 0) return "empty name";
  if (b.length > NAME_MAX) return `name longer than ${NAME_MAX} bytes`;
  if (b.includes(0x2f)) return "name contains '/'";
  if (b.includes(0)) return "name contains NUL";
  return null;
}

function encodeDirent(ino: number, type: number, name: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(DIRENT_SIZE);
  const v = new DataView(bytes.buffer);
  v.setUint32(D.ino, ino, true);
  v.setUint8(D.type, type);
  v.setUint8(D.nameLen, name.length);
  bytes.set(name, D.name);
  return bytes;
}

/** Write "." and ".." into an empty directory. */
export function dirInit(img: Image, dp: Inode, parentIno: number, type: number): void {
  const two = new Uint8Array(2 * DIRENT_SIZE);
  two.set(encodeDirent(dp.ino, type, utf8.encode(".")), 0);
  two.set(encodeDirent(parentIno, type, utf8.encode("..")), DIRENT_SIZE);
  img.writeData(dp, 0, two);
}

/** The entries in use, "." and ".." included, in slot order. */
export function dirList(img: Image, dp: Inode): Dirent[] {
  return decodeDirents(img.readData(dp, 0, dp.size)).filter((e) => e.ino !== 0);
}

export function dirLookup(img: Image, dp: Inode, name: string): Dirent | null {
  return dirList(img, dp).find((e) => e.name === name) ?? null;
}

/** Add name -> ino in the first free slot (or a new one at the end). */
export function dirAdd(img: Image, dp: Inode, name: string, ino: number, type: number): void {
  const bytes = utf8.encode(name);
  const bad = nameProblem(bytes) ?? (name === "." || name === ".." ? "reserved name" : null);
  if (bad) throw new FsError(bytes.length > NAME_MAX ? "ENAMETOOLONG" : "EINVAL", `'${name}': ${bad}`);
  const all = decodeDirents(img.readData(dp, 0, dp.size));
  if (all.some((e) => e.ino !== 0 && e.name === name)) throw new FsError("EEXIST", `'${name}'`);
  const free = all.find((e) => e.ino === 0 && e.slot >= 2);
  img.writeData(dp, (free ? free.slot : all.length) * DIRENT_SIZE, encodeDirent(ino, type, bytes));
}

/** Free name's slot; returns the entry it held. */
export function dirRemove(img: Image, dp: Inode, name: string): Dirent {
  const e = dirLookup(img, dp, name);
  if (!e || e.slot < 2) throw new FsError(e ? "EINVAL" : "ENOENT", `'${name}'`);
  img.writeData(dp, e.slot * DIRENT_SIZE, new Uint8Array(DIRENT_SIZE));
  return e;
}
