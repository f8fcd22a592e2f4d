// WASI functions on an open descriptor (fd_*, sock_*) and the preopened directories. Each is built
// over the Linux handlers (sysfile.ts, sysfs.ts, net/syssock.ts) on the same fd table: fd_write is
// writev, fd_read readv, fd_seek lseek, and so on; WASI iovecs on wasm32 are the kernel's iovecs.
// What WASI adds (fdstat, filestat, WASI dirents, prestat) is built in a kernel buffer and copied
// out once (counted). Rights are accepted and ignored; fdstat reports the rights wasmtime
// reports (the console lacks seek and tell, so wasi-libc's isatty() says yes, as on a terminal).
// Preopens: wasiPreopen(pid, len) (the host, at exec of a WASI program) opens the directory named in
// the staging buffer at the lowest free fd >= 3 and marks the open file with the name's index; the
// names are kept once for the machine (at most NPREOPEN).
// Interface: the table's entries (wasi.ts, each (a0..a8) -> result or -errno): wasi_fd_advise,
// wasi_fd_allocate, wasi_fd_close, wasi_fd_datasync, wasi_fd_fdstat_get, wasi_fd_fdstat_set_flags,
// wasi_fd_fdstat_set_rights, wasi_fd_filestat_get, wasi_fd_filestat_set_size, wasi_fd_pread,
// wasi_fd_prestat_get, wasi_fd_prestat_dir_name, wasi_fd_pwrite, wasi_fd_read, wasi_fd_readdir,
// wasi_fd_renumber, wasi_fd_seek, wasi_fd_sync, wasi_fd_tell, wasi_fd_write, wasi_sock_accept,
// wasi_sock_recv, wasi_sock_send, wasi_sock_shutdown; for the host: wasiPreopen(pid, len) -> fd or
// -errno; for wasipath.ts: filestatOut(p, va, ino), fileStatOut(p, va, file) (any open file).
import { Errno } from "./abi/errno";
import { O_APPEND, O_NONBLOCK, O_DSYNC, O_SYNC, O_RDONLY, O_WRONLY, O_ACCMODE, O_DIRECTORY, F_SETFL, SEEK_CUR,
  POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM, POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,
  POSIX_FADV_NOREUSE } from "./abi/fcntl";
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, DT_DIR, DT_REG, DT_LNK, DT_CHR, STAT_SIZE, ST_DEV, ST_INO, ST_NLINK, ST_SIZE,
  ST_ATIME, ST_ATIME_NSEC, ST_MTIME, ST_MTIME_NSEC, ST_CTIME, ST_CTIME_NSEC, ST_MODE } from "./abi/stat";
import { DIRENT_SIZE, Dirent, BLOCK_SIZE, ROOT_INO } from "./abi/fs";
import { IOVEC_SIZE, IOV_BASE, IOV_LEN, IOV_MAX } from "./abi/uio";
import { MSG_PEEK, MSG_WAITALL, SHUT_RD, SHUT_WR, SHUT_RDWR } from "./abi/socket";
import { WasiErrno, Filetype, FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC,
  RIGHTS_ALL, RIGHTS_DIR, RIGHTS_FILE, RIGHT_FD_READ, RIGHT_FD_WRITE, RIGHT_FD_READDIR, RIGHT_FD_SEEK, RIGHT_FD_TELL,
  RIGHT_FD_FILESTAT_SET_SIZE, RIGHT_PATH_FILESTAT_SET_SIZE, WHENCE_END, ADVICE_SEQUENTIAL, ADVICE_RANDOM, ADVICE_WILLNEED, ADVICE_DONTNEED, ADVICE_NOREUSE, SDFLAGS_RD, SDFLAGS_WR,
  RIFLAGS_RECV_PEEK, RIFLAGS_RECV_WAITALL, PREOPENTYPE_DIR, PRESTAT_SIZE, PRESTAT_TAG, PRESTAT_NAME_LEN,
  FDSTAT_SIZE, FDSTAT_FILETYPE, FDSTAT_FLAGS, FDSTAT_RIGHTS_BASE, FDSTAT_RIGHTS_INHERITING, FILESTAT_SIZE,
  FILESTAT_DEV, FILESTAT_INO, FILESTAT_FILETYPE, FILESTAT_NLINK, FILESTAT_SIZE_OFF, FILESTAT_ATIM,
  FILESTAT_MTIM, FILESTAT_CTIM, WDIRENT_SIZE, WDIRENT_NEXT, WDIRENT_INO, WDIRENT_NAMLEN, WDIRENT_TYPE } from "./abi/wasi";
import { NOFILE, PATH_MAX } from "./param";
import { curProc } from "./cpu";
import { Proc, procByPid } from "./proc";
import { fileAt, fileAlloc, fileClose, fdAlloc, FT_CONSOLE, FT_INODE, FT_PIPE, FT_SOCKET, FT_PSEUDO } from "./file";
import { pseudoStat, pseudoEntry, isPseudoDir, entryLen, entryType } from "./procfs";
import { MOUNT_OFF, NMOUNTS, mountNode, mountName } from "./procmount";
import { isDir, namei } from "./dir";
import { iget, fillStat } from "./inode";
import { iSize, iMode, fsMounted } from "./fs";
import { pcGet } from "./pagecache";
import { pa } from "./kalloc";
import { copyToUser, copyFromUser } from "./copy";
import { stageAddr } from "./exec";
import { putU32, putU64, wasiErr, openFile, uptr } from "./wasiarg";
import { sys_readv, sys_writev, sys_close, sys_dup3, sys_fcntl } from "./sysfile";
import { sys_lseek, sys_pread64, sys_pwrite64, sys_ftruncate, sys_fsync, sys_fdatasync, fsFadvise, fsFallocate } from "./sysfs";
import { sys_accept, sys_recvfrom, sys_shutdown } from "./net/syssock";

const kbuf: usize = memory.data(512);        // one fdstat, filestat, prestat or WASI dirent
const iov: usize = memory.data(<i32>IOVEC_SIZE);

// --- Preopened directories

const NPREOPEN: i32 = 16;
const names: usize = memory.data(NPREOPEN * PATH_MAX);   // NUL-free names, lengths below
const nameLens: usize = memory.data(NPREOPEN * 4);
let npreopen: i32 = 0;

// The name's index (kept once), or -1 when the table is full.
function preopenName(src: usize, len: i32): i32 {
  for (let i = 0; i < npreopen; i++) {
    if (load<i32>(nameLens + <usize>i * 4) == len && memory.compare(names + <usize>i * PATH_MAX, src, len) == 0) return i;
  }
  if (npreopen == NPREOPEN) return -1;
  memory.copy(names + <usize>npreopen * PATH_MAX, src, len);
  store<i32>(nameLens + <usize>npreopen * 4, len);
  return npreopen++;
}

// Open the directory whose absolute path (`len` bytes) is in the staging buffer for process `pid`,
// as a preopen named by that path; the fd, or -errno (ENOENT, ENOTDIR, EMFILE, ENFILE).
export function wasiPreopen(pid: u32, len: i32): i32 {
  const p = procByPid(pid);
  if (!p) return -Errno.ESRCH;
  if (len <= 0 || len >= PATH_MAX) return -Errno.EINVAL;
  if (!fsMounted()) return -Errno.ENOENT;
  const path = stageAddr();
  const ino = namei(ROOT_INO, path, len);
  if (ino < 0) return <i32>ino;
  if (!isDir(<u32>ino)) return -Errno.ENOTDIR;
  const name = preopenName(path, len);
  if (name < 0) return -Errno.ENFILE;
  if (!iget(<u32>ino)) return -Errno.ENFILE;
  const f = fileAlloc(FT_INODE, O_RDONLY | O_DIRECTORY);
  if (f < 0) return -Errno.ENFILE;   // (fileClose below puts the inode back)
  fileAt(f).ino = <u32>ino;
  fileAt(f).preopen = <u32>name + 1;
  const fd = fdAlloc(p, f, false, 3);
  if (fd < 0) fileClose(f);
  return fd;
}

export function wasi_fd_prestat_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0 || fileAt(fi).preopen == 0) return -Errno.EBADF;
  memory.fill(kbuf, 0, PRESTAT_SIZE);
  store<u8>(kbuf + PRESTAT_TAG, PREOPENTYPE_DIR);
  store<u32>(kbuf + PRESTAT_NAME_LEN, load<u32>(nameLens + <usize>(fileAt(fi).preopen - 1) * 4));
  return copyToUser(p, uptr(a1), kbuf, <u32>PRESTAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

export function wasi_fd_prestat_dir_name(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0 || fileAt(fi).preopen == 0) return -Errno.EBADF;
  const i = <usize>(fileAt(fi).preopen - 1);
  const len = load<u32>(nameLens + i * 4);
  if (<u64>a2 < <u64>len) return -Errno.ENAMETOOLONG;
  return copyToUser(p, uptr(a1), names + i * PATH_MAX, len) < 0 ? -Errno.EFAULT : 0;
}

// --- Reading and writing

export function wasi_fd_read(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const r = sys_readv(a0, a1, a2, 0, 0, 0);
  return r < 0 ? r : putU32(curProc(), uptr(a3), <u32>r);
}

export function wasi_fd_write(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const r = sys_writev(a0, a1, a2, 0, 0, 0);
  return r < 0 ? r : putU32(curProc(), uptr(a3), <u32>r);
}

// preadv/pwritev: one pread64/pwrite64 per iovec, stopping at the first short transfer.
function prw(fd: i64, iovs: i64, n: i64, off: i64, out: i64, write: bool): i64 {
  const p = curProc();
  if (off < 0 || <u64>n > <u64>IOV_MAX) return -Errno.EINVAL;     // as preadv/pwritev: at most IOV_MAX
  let total: i64 = 0;
  for (let i: u32 = 0; i < <u32>n; i++) {
    if (copyFromUser(p, iov, uptr(iovs) + i * <u32>IOVEC_SIZE, <u32>IOVEC_SIZE) < 0) return -Errno.EFAULT;
    const base = load<u32>(iov + IOV_BASE), len = load<u32>(iov + IOV_LEN);
    if (len == 0) continue;
    const r = write ? sys_pwrite64(fd, base, len, off + total, 0, 0) : sys_pread64(fd, base, len, off + total, 0, 0);
    if (r < 0) { if (total > 0) break; return r; }
    total += r;
    if (r < <i64>len) break;
  }
  if (n == 0 && openFile(p, fd) < 0) return -Errno.EBADF;
  return putU32(p, uptr(out), <u32>total);
}

export function wasi_fd_pread(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return prw(a0, a1, a2, a3, a4, false);
}

export function wasi_fd_pwrite(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return prw(a0, a1, a2, a3, a4, true);
}

// A directory has no seek or tell right in WASI (fd_readdir takes cookies): BADF, as wasmtime.
function isDirFd(fd: i64): bool {
  const fi = openFile(curProc(), fd);
  return fi >= 0 && fileAt(fi).type == FT_INODE && isDir(fileAt(fi).ino);
}

export function wasi_fd_seek(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (isDirFd(a0)) return -Errno.EBADF;
  if (<u64>a2 > WHENCE_END) return -Errno.EINVAL;
  const r = sys_lseek(a0, a1, a2, 0, 0, 0);
  return r < 0 ? r : putU64(curProc(), uptr(a3), <u64>r);
}

export function wasi_fd_tell(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (isDirFd(a0)) return -Errno.EBADF;
  const r = sys_lseek(a0, 0, SEEK_CUR, 0, 0, 0);
  return r < 0 ? r : putU64(curProc(), uptr(a1), <u64>r);
}

// --- Descriptor state

export function wasi_fd_close(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return sys_close(a0, 0, 0, 0, 0, 0);
}

export function wasi_fd_sync(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return sys_fsync(a0, 0, 0, 0, 0, 0);
}

export function wasi_fd_datasync(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return sys_fdatasync(a0, 0, 0, 0, 0, 0);
}

// fd_renumber(from, to): `to` must be open (WASI has no dup); dup3 then close, so the open file,
// its offset and its preopen mark move to `to`.
export function wasi_fd_renumber(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  if (openFile(p, a0) < 0 || openFile(p, a1) < 0) return -Errno.EBADF;
  if (a0 == a1) return 0;
  const r = sys_dup3(a0, a1, 0, 0, 0, 0);
  return r < 0 ? r : sys_close(a0, 0, 0, 0, 0, 0);
}

function filetypeOfMode(mode: u32): i32 {
  const t = mode & S_IFMT;
  if (t == S_IFDIR) return Filetype.DIRECTORY;
  if (t == S_IFREG) return Filetype.REGULAR_FILE;
  if (t == S_IFLNK) return Filetype.SYMBOLIC_LINK;
  return Filetype.UNKNOWN;
}

function filetypeOf(fi: i32): i32 {
  const f = fileAt(fi);
  if (f.type == FT_CONSOLE) return Filetype.CHARACTER_DEVICE;
  if (f.type == FT_SOCKET) return Filetype.SOCKET_STREAM;
  if (f.type == FT_INODE) return filetypeOfMode(iMode(f.ino));
  if (f.type == FT_PSEUDO) { pseudoStat(curProc(), f.ino, kbuf + 256); return filetypeOfMode(load<u32>(kbuf + 256 + ST_MODE)); }
  return Filetype.UNKNOWN;                        // a pipe (WASI has no FIFO type)
}

// The rights fdstat reports (as wasmtime): a preopen has the directory rights; the console its
// direction's read or write; any other fd every right but reading and writing where its open mode
// forbids them, and a directory none of the seek and size rights.
function rightsOf(fi: i32): u32 {
  const f = fileAt(fi);
  if (f.preopen != 0) return RIGHTS_DIR;
  const mode = f.flags & O_ACCMODE;
  const readable = mode != O_WRONLY, writable = mode != O_RDONLY;
  if (f.type == FT_CONSOLE) return (readable ? RIGHT_FD_READ : 0) | (writable ? RIGHT_FD_WRITE : 0);
  let r = RIGHTS_ALL;
  if (!readable) r &= ~(RIGHT_FD_READ | RIGHT_FD_READDIR);
  if (!writable) r &= ~RIGHT_FD_WRITE;
  if (f.type == FT_INODE && isDir(f.ino)) r &= ~(RIGHT_FD_SEEK | RIGHT_FD_TELL | RIGHT_FD_FILESTAT_SET_SIZE | RIGHT_PATH_FILESTAT_SET_SIZE);
  return r;
}

export function wasi_fd_fdstat_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0) return -Errno.EBADF;
  const fl = fileAt(fi).flags;
  let flags: u16 = 0;
  if (fl & O_APPEND) flags |= <u16>FDFLAGS_APPEND;
  if (fl & O_NONBLOCK) flags |= <u16>FDFLAGS_NONBLOCK;
  if ((fl & O_SYNC) == O_SYNC) flags |= <u16>(FDFLAGS_SYNC | FDFLAGS_RSYNC);
  if (fl & O_DSYNC) flags |= <u16>FDFLAGS_DSYNC;
  const base = rightsOf(fi);
  memory.fill(kbuf, 0, FDSTAT_SIZE);
  store<u8>(kbuf + FDSTAT_FILETYPE, <u8>filetypeOf(fi));
  store<u16>(kbuf + FDSTAT_FLAGS, flags);
  store<u64>(kbuf + FDSTAT_RIGHTS_BASE, <u64>base);
  store<u64>(kbuf + FDSTAT_RIGHTS_INHERITING, <u64>(fileAt(fi).preopen != 0 ? RIGHTS_DIR | RIGHTS_FILE : base));
  return copyToUser(p, uptr(a1), kbuf, <u32>FDSTAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// APPEND and NONBLOCK change as F_SETFL changes them; the sync flags cannot be set after open
// (as wasmtime: NOTSUP).
export function wasi_fd_fdstat_set_flags(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0) return -Errno.EBADF;
  const w = <u32>a1;
  if (w & ~(FDFLAGS_APPEND | FDFLAGS_DSYNC | FDFLAGS_NONBLOCK | FDFLAGS_RSYNC | FDFLAGS_SYNC)) return -Errno.EINVAL;
  if (w & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC)) return wasiErr(WasiErrno.NOTSUP);
  let fl: u32 = 0;
  if (w & FDFLAGS_APPEND) fl |= O_APPEND;
  if (w & FDFLAGS_NONBLOCK) fl |= O_NONBLOCK;
  return sys_fcntl(a0, F_SETFL, fl, 0, 0, 0);
}

export function wasi_fd_fdstat_set_rights(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return openFile(curProc(), a0) < 0 ? -Errno.EBADF : wasiErr(WasiErrno.NOTSUP);   // rights stay as open gave them (wasmtime)
}

// A WASI filestat for inode `ino` (from its struct stat) copied to the guest at `va`.
export function filestatOut(p: Proc, va: u32, ino: u32): i64 {
  fillStat(ino, kbuf + 256);
  return statOut(p, va);
}

// The filestat of an open file: an inode's, a /proc or /dev node's, or only the type.
export function fileStatOut(p: Proc, va: u32, fi: i32): i64 {
  const f = fileAt(fi);
  if (f.type == FT_INODE) return filestatOut(p, va, f.ino);
  if (f.type == FT_PSEUDO) { pseudoStat(p, f.ino, kbuf + 256); return statOut(p, va); }
  memory.fill(kbuf, 0, FILESTAT_SIZE);              // console, pipe, socket: only the type
  store<u8>(kbuf + FILESTAT_FILETYPE, <u8>filetypeOf(fi));
  return copyToUser(p, va, kbuf, <u32>FILESTAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// The stat at kbuf + 256 as a WASI filestat at `va`.
function statOut(p: Proc, va: u32): i64 {
  const st = kbuf + 256;
  memory.fill(kbuf, 0, FILESTAT_SIZE);
  store<u64>(kbuf + FILESTAT_DEV, load<u64>(st + ST_DEV));
  store<u64>(kbuf + FILESTAT_INO, load<u64>(st + ST_INO));
  store<u8>(kbuf + FILESTAT_FILETYPE, <u8>filetypeOfMode(load<u32>(st + ST_MODE)));
  store<u64>(kbuf + FILESTAT_NLINK, <u64>load<u32>(st + ST_NLINK));
  store<u64>(kbuf + FILESTAT_SIZE_OFF, load<u64>(st + ST_SIZE));
  store<u64>(kbuf + FILESTAT_ATIM, load<u64>(st + ST_ATIME) * 1000000000 + load<u64>(st + ST_ATIME_NSEC));
  store<u64>(kbuf + FILESTAT_MTIM, load<u64>(st + ST_MTIME) * 1000000000 + load<u64>(st + ST_MTIME_NSEC));
  store<u64>(kbuf + FILESTAT_CTIM, load<u64>(st + ST_CTIME) * 1000000000 + load<u64>(st + ST_CTIME_NSEC));
  return copyToUser(p, va, kbuf, <u32>FILESTAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

export function wasi_fd_filestat_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0) return -Errno.EBADF;
  return fileStatOut(p, uptr(a1), fi);
}

export function wasi_fd_filestat_set_size(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return sys_ftruncate(a0, a1, 0, 0, 0, 0);
}

// fadvise64 (WASI numbers SEQUENTIAL and RANDOM the other way round from Linux).
export function wasi_fd_advise(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0) return -Errno.EBADF;
  if (<u64>a3 > ADVICE_NOREUSE) return -Errno.EINVAL;
  if (fileAt(fi).type == FT_INODE && isDir(fileAt(fi).ino)) return -Errno.EBADF;
  const w = <u32>a3;
  const advice = w == ADVICE_SEQUENTIAL ? POSIX_FADV_SEQUENTIAL : w == ADVICE_RANDOM ? POSIX_FADV_RANDOM :
    w == ADVICE_WILLNEED ? POSIX_FADV_WILLNEED : w == ADVICE_DONTNEED ? POSIX_FADV_DONTNEED :
    w == ADVICE_NOREUSE ? POSIX_FADV_NOREUSE : POSIX_FADV_NORMAL;
  return fsFadvise(p, <i32>a0, a1, a2, advice);
}

// posix_fallocate: fallocate mode 0 (a directory: BADF, as wasmtime).
export function wasi_fd_allocate(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0) return -Errno.EBADF;
  if (fileAt(fi).type == FT_INODE && isDir(fileAt(fi).ino)) return -Errno.EBADF;
  return fsFallocate(p, <i32>a0, 0, a1, a2);
}

// fd_readdir(fd, buf, buf_len, cookie, bufused): entries from index `cookie` of the directory file
// (each entry's d_next is the index after it), header and name back to back; the last one is cut
// where the buffer ends (bufused == buf_len tells the caller to ask again). The root lists the
// mount points /proc and /dev after its disk entries (cookies from MOUNT_OFF: procmount.ts); a
// /proc or /dev directory lists its nodes (procfs.ts).
export function wasi_fd_readdir(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const fi = openFile(p, a0);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  const buf = uptr(a1), len = <u32>a2;
  let out: i64;
  if (f.type == FT_PSEUDO) out = pseudoReaddir(p, f.ino, buf, len, <u64>a3);
  else if (f.type != FT_INODE || !isDir(f.ino)) return -Errno.ENOTDIR;
  else {
    out = diskReaddir(p, f.ino, buf, len, <u64>a3);
    if (out >= 0 && f.ino == ROOT_INO) out = mountReaddir(p, buf, <u32>out, len, <u64>a3);
  }
  return out < 0 ? out : putU32(p, uptr(a4), <u32>out);
}

function diskReaddir(p: Proc, dir: u32, buf: u32, len: u32, cookie: u64): i64 {
  const per: u64 = BLOCK_SIZE / DIRENT_SIZE;
  const count = iSize(dir) / DIRENT_SIZE;
  let out: u32 = 0;
  for (let i = cookie; i < count && out < len; i++) {
    const pg = pcGet(dir, <u32>(i / per), false);
    if (pg == 0) return -Errno.EIO;
    const e = pa(pg) + <usize>(i % per) * DIRENT_SIZE;
    const ino = load<u32>(e);
    if (ino == 0) continue;
    const nl = <u32>load<u8>(e + Dirent.nameLen);
    memory.copy(kbuf + WDIRENT_SIZE, e + Dirent.name, nl);
    const r = putWdirent(p, buf, out, len, i + 1, ino, filetypeOfDt(load<u8>(e + Dirent.type)), nl);
    if (r < 0) return r;
    out = <u32>r;
  }
  return out;
}

function mountReaddir(p: Proc, buf: u32, out: u32, len: u32, cookie: u64): i64 {
  for (let i = <u32>(cookie > MOUNT_OFF ? cookie - MOUNT_OFF : 0); i < NMOUNTS && out < len; i++) {
    const node = mountNode(i);
    if (node == 0) continue;
    const r = putWdirent(p, buf, out, len, MOUNT_OFF + i + 1, node, Filetype.DIRECTORY, <u32>mountName(i, kbuf + WDIRENT_SIZE));
    if (r < 0) return r;
    out = <u32>r;
  }
  return out;
}

function pseudoReaddir(p: Proc, dir: u32, buf: u32, len: u32, cookie: u64): i64 {
  if (!isPseudoDir(dir)) return -Errno.ENOTDIR;
  let out: u32 = 0;
  for (let i = <u32>min(cookie, <u64>U32.MAX_VALUE); out < len; i++) {
    const node = pseudoEntry(p, dir, i, kbuf + WDIRENT_SIZE);
    if (node < 0) break;
    if (node == 0) continue;
    const r = putWdirent(p, buf, out, len, <u64>i + 1, <u64>node, filetypeOfDt(entryType), <u32>entryLen);
    if (r < 0) return r;
    out = <u32>r;
  }
  return out;
}

function filetypeOfDt(dt: u8): Filetype {
  return dt == DT_DIR ? Filetype.DIRECTORY : dt == DT_REG ? Filetype.REGULAR_FILE : dt == DT_LNK ? Filetype.SYMBOLIC_LINK :
    dt == DT_CHR ? Filetype.CHARACTER_DEVICE : Filetype.UNKNOWN;
}

// One WASI dirent (its name already at kbuf + WDIRENT_SIZE) at buf + out, cut at len; the new length.
function putWdirent(p: Proc, buf: u32, out: u32, len: u32, next: u64, ino: u64, type: Filetype, nl: u32): i64 {
  store<u64>(kbuf + WDIRENT_NEXT, next);
  store<u64>(kbuf + WDIRENT_INO, ino);
  store<u32>(kbuf + WDIRENT_NAMLEN, nl);
  store<u32>(kbuf + WDIRENT_TYPE, type);
  const n = min(<u32>WDIRENT_SIZE + nl, len - out);
  if (copyToUser(p, buf + out, kbuf, n) < 0) return -Errno.EFAULT;
  return <i64>(out + n);
}

// --- Sockets (the fd came from the host or a Linux call: WASI preview 1 cannot create one)

export function wasi_sock_accept(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (<u32>a1 & ~FDFLAGS_NONBLOCK) return -Errno.EINVAL;
  const fd = sys_accept(a0, 0, 0, 0, 0, 0);
  if (fd < 0) return fd;
  if (<u32>a1 & FDFLAGS_NONBLOCK) sys_fcntl(fd, F_SETFL, O_NONBLOCK, 0, 0, 0);
  const r = putU32(curProc(), uptr(a2), <u32>fd);
  if (r < 0) sys_close(fd, 0, 0, 0, 0, 0);
  return r;
}

// sock_recv(fd, iovs, n, riflags, datalen_out, roflags_out): one recv per iovec until a short one.
export function wasi_sock_recv(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const ri = <u32>a3;
  if (ri & ~(RIFLAGS_RECV_PEEK | RIFLAGS_RECV_WAITALL)) return -Errno.EINVAL;
  if (<u64>a2 > <u64>IOV_MAX) return -Errno.EINVAL;                // as recvmsg: at most IOV_MAX iovecs
  const flags: u32 = (ri & RIFLAGS_RECV_PEEK ? MSG_PEEK : 0) | (ri & RIFLAGS_RECV_WAITALL ? MSG_WAITALL : 0);
  let total: i64 = 0;
  for (let i: u32 = 0; i < <u32>a2; i++) {
    if (copyFromUser(p, iov, uptr(a1) + i * <u32>IOVEC_SIZE, <u32>IOVEC_SIZE) < 0) return -Errno.EFAULT;
    const base = load<u32>(iov + IOV_BASE), len = load<u32>(iov + IOV_LEN);
    if (len == 0) continue;
    const r = sys_recvfrom(a0, base, len, flags, 0, 0);
    if (r < 0) { if (total > 0) break; return r; }
    total += r;
    if (r < <i64>len || (flags & MSG_PEEK)) break;
  }
  const r = putU32(p, uptr(a4), <u32>total);
  if (r < 0) return r;
  store<u16>(kbuf, 0);
  return copyToUser(p, uptr(a5), kbuf, 2) < 0 ? -Errno.EFAULT : 0;
}

export function wasi_sock_send(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const fi = openFile(curProc(), a0);
  if (fi < 0) return -Errno.EBADF;
  if (fileAt(fi).type != FT_SOCKET) return -Errno.ENOTSOCK;
  if (a3 != 0) return -Errno.EINVAL;                 // siflags: none defined
  const r = sys_writev(a0, a1, a2, 0, 0, 0);
  return r < 0 ? r : putU32(curProc(), uptr(a4), <u32>r);
}

export function wasi_sock_shutdown(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const how = <u32>a1;
  if (how == 0 || how & ~(SDFLAGS_RD | SDFLAGS_WR)) return -Errno.EINVAL;
  const linux = how == SDFLAGS_RD ? SHUT_RD : how == SDFLAGS_WR ? SHUT_WR : SHUT_RDWR;
  return sys_shutdown(a0, linux, 0, 0, 0, 0);
}
