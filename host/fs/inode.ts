// A wsfs inode as the host tools hold it, and its 128-byte on-disk record (kernel/abi/fs.ts).
// Interface: Inode; decodeInode(ino, bytes), encodeInode(ip) -> bytes; isDir(ip), isReg(ip), isLnk(ip).
import { Ino, INODE_SIZE, NDIRECT, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK } from "../../kernel/abi/fs";

export interface Inode {
  ino: number;
  mode: number; nlink: number; uid: number;
  size: number;               // bytes (a u64 on disk; exact below 2^53)
  atime: bigint; mtime: bigint; ctime: bigint;   // ns since the epoch
  blocks: number;             // data + indirect blocks held
  flags: number;
  direct: number[];           // NDIRECT block numbers, 0 = hole
  indirect: number; dindirect: number; tindirect: number;
}

export function emptyInode(ino: number): Inode {
  return { ino, mode: 0, nlink: 0, uid: 0, size: 0, atime: 0n, mtime: 0n, ctime: 0n, blocks: 0, flags: 0,
    direct: new Array<number>(NDIRECT).fill(0), indirect: 0, dindirect: 0, tindirect: 0 };
}

export function decodeInode(ino: number, bytes: Uint8Array): Inode {
  const v = new DataView(bytes.buffer, bytes.byteOffset, INODE_SIZE);
  const u32 = (o: number) => v.getUint32(o, true);
  const direct: number[] = [];
  for (let i = 0; i < NDIRECT; i++) direct.push(u32(Ino.direct + 4 * i));
  return { ino, mode: v.getUint16(Ino.mode, true), nlink: v.getUint16(Ino.nlink, true), uid: u32(Ino.uid),
    size: u32(Ino.size + 4) * 2 ** 32 + u32(Ino.size), atime: v.getBigUint64(Ino.atime, true), mtime: v.getBigUint64(Ino.mtime, true), ctime: v.getBigUint64(Ino.ctime, true),
    blocks: u32(Ino.blocks), flags: u32(Ino.flags), direct,
    indirect: u32(Ino.indirect), dindirect: u32(Ino.dindirect), tindirect: u32(Ino.tindirect) };
}

export function encodeInode(ip: Inode): Uint8Array {
  const bytes = new Uint8Array(INODE_SIZE);
  const v = new DataView(bytes.buffer);
  const u32 = (o: number, x: number) => v.setUint32(o, x, true);
  v.setUint16(Ino.mode, ip.mode, true);
  v.setUint16(Ino.nlink, ip.nlink, true);
  u32(Ino.uid, ip.uid);
  u32(Ino.size, ip.size % 2 ** 32);
  u32(Ino.size + 4, Math.floor(ip.size / 2 ** 32));
  v.setBigUint64(Ino.atime, ip.atime, true);
  v.setBigUint64(Ino.mtime, ip.mtime, true);
  v.setBigUint64(Ino.ctime, ip.ctime, true);
  u32(Ino.blocks, ip.blocks);
  u32(Ino.flags, ip.flags);
  ip.direct.forEach((b, i) => u32(Ino.direct + 4 * i, b));
  u32(Ino.indirect, ip.indirect);
  u32(Ino.dindirect, ip.dindirect);
  u32(Ino.tindirect, ip.tindirect);
  return bytes;
}

export const isDir = (ip: Inode): boolean => (ip.mode & S_IFMT) === S_IFDIR;
export const isReg = (ip: Inode): boolean => (ip.mode & S_IFMT) === S_IFREG;
export const isLnk = (ip: Inode): boolean => (ip.mode & S_IFMT) === S_IFLNK;
