// Open files (Linux's struct file): a system-wide table of records shared by the fds that refer to
// them (dup, fork). `fileRead`/`fileWrite` branch on the type, as xv6's file.c does.
//
//   file record (FILE_SIZE = 64 bytes)
//   +------+-----+-------+-------+--------+--------+------+------+--------+--------+
//   | type | ref | flags |  ino  |  offset (u64)   | pipe | sock | raNext | raSize | ...
//   +------+-----+-------+-------+--------+--------+------+------+--------+--------+
//   raNext, raSize: readahead state (kernel/readahead.ts), Linux's file_ra_state; preopen: WASI's
//   preopened directories (wasifd.ts); ep: an epoll's interest list (epoll.ts); page: a /proc file's
//   text (procfs.ts); sigio: F_SETSIG's signal (a lease break's, lease.ts).
//
// Interface: File, fileInit(base), fileAlloc(type, flags) -> index or -1, fileAt(i), fileDup(i),
// fileClose(i), fdAlloc(p, file, cloexec, from) -> fd or -EMFILE, fdGet(p, fd) -> file index or -1,
// fdSet(p, fd, file, cloexec), fdCloexec(p, fd), fdClear(p, fd), fileRead(p, f, va, n, pos),
// fileWrite(p, f, va, n, pos).
import { Errno } from "./abi/errno";
import { O_NONBLOCK, O_ACCMODE, O_RDONLY, O_WRONLY, O_APPEND, O_DIRECT } from "./abi/fcntl";
import { FILE_SIZE, NFILE, NOFILE } from "./param";
import { Proc, FDS_OFF } from "./proc";
import { ttyRead, ttyWrite } from "./console";
import { readi, writei, writeCheck, iput } from "./inode";
import { iSize } from "./fs";
import { isDir } from "./dir";
import { directRead, directWrite } from "./direct";
import { sockRecv, sockSend, sockClose } from "./net/syssock";
import { pipeRead, pipeWrite, pipeClose } from "./pipe";
import { epollRelease, epollFree } from "./epoll";
import { panic } from "./panic";
import { pseudoRead, pseudoWrite, pseudoClose } from "./procfs";
import { leaseFileClose } from "./lease";
import { netmapClose } from "./net/netmap";
import { pktClose } from "./net/pktpool";

export const FT_NONE: u32 = 0;
export const FT_CONSOLE: u32 = 1;   // ino = host fd (0, 1, 2)
export const FT_INODE: u32 = 2;     // a file or directory of the file system
export const FT_SOCKET: u32 = 3;    // sock = socket index
export const FT_PIPE: u32 = 4;      // pipe = pipe index; the access mode says which end
export const FT_EPOLL: u32 = 5;     // ep = the first frame of its interest list (epoll.ts)
export const FT_PSEUDO: u32 = 6;    // a /proc or /dev file (procfs.ts): ino is its node; its text's frame in page
export const FT_NETMAP: u32 = 7;    // /dev/netmap (net/netmap.ts): ioctl, mmap and poll only
export const FT_PACKET: u32 = 8;    // an AF_PACKET socket (net/pktpool.ts): its TX ring, mmap, send, poll

export { O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_DIRECT } from "./abi/fcntl";
export const FD_CLOEXEC_BIT: u32 = 0x80000000;

@unmanaged export class File {
  type: u32;
  ref: u32;
  flags: u32;
  ino: u32;
  offset: u64;
  pipe: u32;
  sock: u32;
  raNext: u32;     // page after the last one read: a read starting there is sequential
  raSize: u32;     // pages in the current readahead window (0: none yet)
  preopen: u32;    // a WASI preopened directory: its name's index + 1 (wasifd.ts); 0: not one
  ep: u32;         // FT_EPOLL: frame of its interest list (epoll.ts)
  page: u32;       // FT_PSEUDO: the frame holding a /proc file's text (0: none)
  sigio: u32;      // F_SETSIG: the signal for a lease break (0: SIGIO; lease.ts)
}

let fileBase: usize = 0;
export function fileInit(base: usize): void {
  if (offsetof<File>() > <usize>FILE_SIZE) panic("fileInit: File is larger than FILE_SIZE");
  fileBase = base; memory.fill(base, 0, <usize>NFILE * FILE_SIZE);
}
@inline export function fileAt(i: i32): File { return changetype<File>(fileBase + <usize>i * FILE_SIZE); }

export function fileAlloc(type: u32, flags: u32): i32 {
  for (let i = 0; i < NFILE; i++) {
    const f = fileAt(i);
    if (f.ref != 0) continue;
    memory.fill(changetype<usize>(f), 0, FILE_SIZE);
    f.type = type; f.ref = 1; f.flags = flags;
    return i;
  }
  return -1;
}

export function fileDup(i: i32): void { fileAt(i).ref++; }

export function fileClose(i: i32): void {
  const f = fileAt(i);
  if (f.ref == 0) return;
  if (--f.ref > 0) return;
  epollRelease(i);                                    // it leaves every interest list
  leaseFileClose(i);                                  // its lease goes with it
  if (f.type == FT_EPOLL) epollFree(f);
  if (f.type == FT_INODE) iput(f.ino);
  if (f.type == FT_SOCKET) sockClose(<i32>f.sock);
  if (f.type == FT_PIPE) pipeClose(<i32>f.pipe, (f.flags & O_ACCMODE) == O_WRONLY);
  if (f.type == FT_PSEUDO) pseudoClose(f);
  if (f.type == FT_NETMAP) netmapClose(i);
  if (f.type == FT_PACKET) pktClose(i);
  f.type = FT_NONE;
}

@inline function fdSlot(p: Proc, fd: i32): usize { return changetype<usize>(p) + FDS_OFF + (<usize>fd << 2); }

export function fdGet(p: Proc, fd: i32): i32 {
  if (<u32>fd >= <u32>NOFILE) return -1;
  const v = load<u32>(fdSlot(p, fd)) & ~FD_CLOEXEC_BIT;
  return v == 0 ? -1 : <i32>v - 1;
}

// Lowest free fd >= `from`, or -EMFILE.
export function fdAlloc(p: Proc, file: i32, cloexec: bool, from: i32 = 0): i32 {
  for (let fd = from; fd < NOFILE; fd++) {
    if (load<u32>(fdSlot(p, fd)) != 0) continue;
    store<u32>(fdSlot(p, fd), (<u32>file + 1) | (cloexec ? FD_CLOEXEC_BIT : 0));
    return fd;
  }
  return -Errno.EMFILE;
}

export function fdSet(p: Proc, fd: i32, file: i32, cloexec: bool): void {
  store<u32>(fdSlot(p, fd), (<u32>file + 1) | (cloexec ? FD_CLOEXEC_BIT : 0));
}
export function fdCloexec(p: Proc, fd: i32): bool { return (load<u32>(fdSlot(p, fd)) & FD_CLOEXEC_BIT) != 0; }
export function fdClear(p: Proc, fd: i32): void { store<u32>(fdSlot(p, fd), 0); }

// Read at the file's offset (or at `pos` when pos >= 0, for pread), advancing it only for plain reads.
export function fileRead(p: Proc, fi: i32, va: u32, n: u32, pos: i64 = -1): i64 {
  const f = fileAt(fi);
  if ((f.flags & O_ACCMODE) == O_WRONLY) return -Errno.EBADF;
  if (f.type == FT_CONSOLE) return pos >= 0 ? -Errno.ESPIPE : ttyRead(p, va, n);
  if (f.type == FT_SOCKET) return pos >= 0 ? -Errno.ESPIPE : sockRecv(p, <i32>f.sock, va, n, 0, (f.flags & O_NONBLOCK) != 0);
  if (f.type == FT_PIPE) return pos >= 0 ? -Errno.ESPIPE : pipeRead(p, <i32>f.pipe, va, n, (f.flags & O_NONBLOCK) != 0);
  if (f.type == FT_PSEUDO) return pseudoRead(p, f, va, n, pos);
  if (f.type != FT_INODE) return -Errno.EINVAL;
  if (isDir(f.ino)) return -Errno.EISDIR;
  const off = pos >= 0 ? <u64>pos : f.offset;
  const r = (f.flags & O_DIRECT) ? directRead(p, f.ino, off, va, n) : readi(p, f.ino, off, va, n, fi);
  if (r > 0 && pos < 0) f.offset += <u64>r;
  return r;
}

export function fileWrite(p: Proc, fi: i32, va: u32, n: u32, pos: i64 = -1): i64 {
  const f = fileAt(fi);
  if ((f.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
  if (f.type == FT_CONSOLE) return pos >= 0 ? -Errno.ESPIPE : ttyWrite(p, f.ino, va, n);
  if (f.type == FT_SOCKET) return pos >= 0 ? -Errno.ESPIPE : sockSend(p, <i32>f.sock, va, n, 0, (f.flags & O_NONBLOCK) != 0);
  if (f.type == FT_PIPE) return pos >= 0 ? -Errno.ESPIPE : pipeWrite(p, <i32>f.pipe, va, n, (f.flags & O_NONBLOCK) != 0);
  if (f.type == FT_PSEUDO) return pseudoWrite(p, f, va, n);
  if (f.type != FT_INODE) return -Errno.EINVAL;
  let off = pos >= 0 ? <u64>pos : f.offset;
  if (f.flags & O_APPEND) off = iSize(f.ino);   // pwrite too: Linux appends whatever the offset
  const allowed = writeCheck(<i64>off, n);           // s_maxbytes: EFBIG, or a shorter write
  if (allowed <= 0) return allowed;
  n = <u32>allowed;
  const r = (f.flags & O_DIRECT) ? directWrite(p, f.ino, off, va, n) : writei(p, f.ino, off, va, n);
  if (r > 0 && pos < 0) f.offset = off + <u64>r;
  return r;
}
