// WASI preview 1 (the module "wasi_snapshot_preview1"): the second personality's numbers, in one
// place for the kernel (kernel/wasi.ts and its handlers), the translator (host/translate/wasi.ts),
// the tracer and the docs. Values are those of the witx definitions of wasi_snapshot_preview1.
//
// Interface: Wasi (function -> number, in the order of WASI_SIGNATURES), NWASI, WASI_SIGNATURES
// (one "params>result" string per function: i = i32, I = i64; an empty result: proc_exit), WASI_MODULE,
// WasiErrno, wasiErrnoOf(linuxErrno) -> WasiErrno, WASI_DIRECT (a handler's way to return a WASI errno Linux has no name for), Filetype,
// FDFLAGS_*, OFLAGS_*, LOOKUP_SYMLINK_FOLLOW, FSTFLAGS_*, RIGHTS_ALL, RIGHTS_DIR, RIGHTS_FILE and the RIGHT_* bits,
// WHENCE_*, WASI_CLOCK_*, EVENTTYPE_*, SUBCLOCK_ABSTIME, EVENTRWFLAGS_HANGUP, ADVICE_*, SDFLAGS_*,
// PREOPENTYPE_DIR, WASI_SIGABRT .. (proc_raise), and the records:
//
//   iovec / ciovec   0 u32 buf  4 u32 buf_len                                  (8; = the kernel's iovec)
//   prestat          0 u8 tag (0: dir)  4 u32 pr_name_len                      PRESTAT_SIZE = 8
//   fdstat           0 u8 fs_filetype  2 u16 fs_flags  8 u64 rights_base
//                   16 u64 rights_inheriting                                   FDSTAT_SIZE = 24
//   filestat         0 u64 dev  8 u64 ino  16 u8 filetype  24 u64 nlink  32 u64 size
//                   40 u64 atim  48 u64 mtim  56 u64 ctim                      FILESTAT_SIZE = 64
//   dirent           0 u64 d_next (cookie)  8 u64 d_ino  16 u32 d_namlen  20 u8 d_type
//                    then d_namlen bytes of name, no NUL                       WDIRENT_SIZE = 24
//   subscription     0 u64 userdata  8 u8 tag (eventtype)  16 union:
//                      clock: 16 u32 id  24 u64 timeout  32 u64 precision  40 u16 flags
//                      fd_read / fd_write: 16 u32 fd                           SUBSCRIPTION_SIZE = 48
//   event            0 u64 userdata  8 u16 error  10 u8 type  16 u64 nbytes  24 u16 flags
//                                                                              EVENT_SIZE = 32

import { Errno } from "./errno";

export const WASI_MODULE = "wasi_snapshot_preview1";

// The numbers are ours (WASI names its functions, not numbers): the kernel's table is indexed by
// them, and the per-syscall statistics count them at WASI_BASE + number (kernel/abi/syscalls.ts).
export enum Wasi {
  args_get = 0,
  args_sizes_get = 1,
  environ_get = 2,
  environ_sizes_get = 3,
  clock_res_get = 4,
  clock_time_get = 5,
  fd_advise = 6,
  fd_allocate = 7,
  fd_close = 8,
  fd_datasync = 9,
  fd_fdstat_get = 10,
  fd_fdstat_set_flags = 11,
  fd_fdstat_set_rights = 12,
  fd_filestat_get = 13,
  fd_filestat_set_size = 14,
  fd_filestat_set_times = 15,
  fd_pread = 16,
  fd_prestat_get = 17,
  fd_prestat_dir_name = 18,
  fd_pwrite = 19,
  fd_read = 20,
  fd_readdir = 21,
  fd_renumber = 22,
  fd_seek = 23,
  fd_sync = 24,
  fd_tell = 25,
  fd_write = 26,
  path_create_directory = 27,
  path_filestat_get = 28,
  path_filestat_set_times = 29,
  path_link = 30,
  path_open = 31,
  path_readlink = 32,
  path_remove_directory = 33,
  path_rename = 34,
  path_symlink = 35,
  path_unlink_file = 36,
  poll_oneoff = 37,
  proc_exit = 38,
  proc_raise = 39,
  sched_yield = 40,
  random_get = 41,
  sock_accept = 42,
  sock_recv = 43,
  sock_send = 44,
  sock_shutdown = 45,
}
export const NWASI: i32 = 46;

// Each function's wasm type, by number (the translator refuses an import of another type).
export const WASI_SIGNATURES: string[] = [
  "ii>i",          // args_get(argv, argv_buf)
  "ii>i",          // args_sizes_get(argc_out, argv_buf_size_out)
  "ii>i",          // environ_get(environ, environ_buf)
  "ii>i",          // environ_sizes_get(count_out, buf_size_out)
  "ii>i",          // clock_res_get(id, resolution_out)
  "iIi>i",         // clock_time_get(id, precision, time_out)
  "iIIi>i",        // fd_advise(fd, offset, len, advice)
  "iII>i",         // fd_allocate(fd, offset, len)
  "i>i",           // fd_close(fd)
  "i>i",           // fd_datasync(fd)
  "ii>i",          // fd_fdstat_get(fd, fdstat_out)
  "ii>i",          // fd_fdstat_set_flags(fd, fdflags)
  "iII>i",         // fd_fdstat_set_rights(fd, base, inheriting)
  "ii>i",          // fd_filestat_get(fd, filestat_out)
  "iI>i",          // fd_filestat_set_size(fd, size)
  "iIIi>i",        // fd_filestat_set_times(fd, atim, mtim, fst_flags)
  "iiiIi>i",       // fd_pread(fd, iovs, iovs_len, offset, nread_out)
  "ii>i",          // fd_prestat_get(fd, prestat_out)
  "iii>i",         // fd_prestat_dir_name(fd, path, path_len)
  "iiiIi>i",       // fd_pwrite(fd, iovs, iovs_len, offset, nwritten_out)
  "iiii>i",        // fd_read(fd, iovs, iovs_len, nread_out)
  "iiiIi>i",       // fd_readdir(fd, buf, buf_len, cookie, bufused_out)
  "ii>i",          // fd_renumber(fd, to)
  "iIii>i",        // fd_seek(fd, offset, whence, newoffset_out)
  "i>i",           // fd_sync(fd)
  "ii>i",          // fd_tell(fd, offset_out)
  "iiii>i",        // fd_write(fd, iovs, iovs_len, nwritten_out)
  "iii>i",         // path_create_directory(fd, path, path_len)
  "iiiii>i",       // path_filestat_get(fd, lookupflags, path, path_len, filestat_out)
  "iiiiIIi>i",     // path_filestat_set_times(fd, lookupflags, path, path_len, atim, mtim, fst_flags)
  "iiiiiii>i",     // path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len)
  "iiiiiIIii>i",   // path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inh, fdflags, fd_out)
  "iiiiii>i",      // path_readlink(fd, path, path_len, buf, buf_len, bufused_out)
  "iii>i",         // path_remove_directory(fd, path, path_len)
  "iiiiii>i",      // path_rename(fd, old_path, old_len, new_fd, new_path, new_len)
  "iiiii>i",       // path_symlink(old_path, old_len, fd, new_path, new_len)
  "iii>i",         // path_unlink_file(fd, path, path_len)
  "iiii>i",        // poll_oneoff(in, out, nsubscriptions, nevents_out)
  "i>",            // proc_exit(rval)
  "i>i",           // proc_raise(sig)
  ">i",            // sched_yield()
  "ii>i",          // random_get(buf, buf_len)
  "iii>i",         // sock_accept(fd, fdflags, fd_out)
  "iiiiii>i",      // sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen_out, ro_flags_out)
  "iiiii>i",       // sock_send(fd, si_data, si_data_len, si_flags, so_datalen_out)
  "ii>i",          // sock_shutdown(fd, how)
];
export const WASI_MAX_PARAMS: i32 = 9;   // path_open

// errno: what every function but proc_exit returns (0: success).
export enum WasiErrno {
  SUCCESS = 0, TOOBIG = 1, ACCES = 2, ADDRINUSE = 3, ADDRNOTAVAIL = 4, AFNOSUPPORT = 5, AGAIN = 6,
  ALREADY = 7, BADF = 8, BADMSG = 9, BUSY = 10, CANCELED = 11, CHILD = 12, CONNABORTED = 13,
  CONNREFUSED = 14, CONNRESET = 15, DEADLK = 16, DESTADDRREQ = 17, DOM = 18, DQUOT = 19, EXIST = 20,
  FAULT = 21, FBIG = 22, HOSTUNREACH = 23, IDRM = 24, ILSEQ = 25, INPROGRESS = 26, INTR = 27,
  INVAL = 28, IO = 29, ISCONN = 30, ISDIR = 31, LOOP = 32, MFILE = 33, MLINK = 34, MSGSIZE = 35,
  MULTIHOP = 36, NAMETOOLONG = 37, NETDOWN = 38, NETRESET = 39, NETUNREACH = 40, NFILE = 41,
  NOBUFS = 42, NODEV = 43, NOENT = 44, NOEXEC = 45, NOLCK = 46, NOLINK = 47, NOMEM = 48, NOMSG = 49,
  NOPROTOOPT = 50, NOSPC = 51, NOSYS = 52, NOTCONN = 53, NOTDIR = 54, NOTEMPTY = 55,
  NOTRECOVERABLE = 56, NOTSOCK = 57, NOTSUP = 58, NOTTY = 59, NXIO = 60, OVERFLOW = 61,
  OWNERDEAD = 62, PERM = 63, PIPE = 64, PROTO = 65, PROTONOSUPPORT = 66, PROTOTYPE = 67, RANGE = 68,
  ROFS = 69, SPIPE = 70, SRCH = 71, STALE = 72, TIMEDOUT = 73, TXTBSY = 74, XDEV = 75, NOTCAPABLE = 76,
}
export const NWASI_ERRNO: i32 = 77;

// Linux errno (positive) -> WASI errno: names Linux and WASI share map to each other; an errno with
// no WASI name (none of ours today) is IO.
export function wasiErrnoOf(e: i32): i32 {
  switch (e) {
    case 0: return WasiErrno.SUCCESS;
    case Errno.EPERM: return WasiErrno.PERM;
    case Errno.ENOENT: return WasiErrno.NOENT;
    case Errno.ESRCH: return WasiErrno.SRCH;
    case Errno.EINTR: return WasiErrno.INTR;
    case Errno.EIO: return WasiErrno.IO;
    case Errno.ENXIO: return WasiErrno.NXIO;
    case Errno.E2BIG: return WasiErrno.TOOBIG;
    case Errno.ENOEXEC: return WasiErrno.NOEXEC;
    case Errno.EBADF: return WasiErrno.BADF;
    case Errno.ECHILD: return WasiErrno.CHILD;
    case Errno.EAGAIN: return WasiErrno.AGAIN;
    case Errno.ENOMEM: return WasiErrno.NOMEM;
    case Errno.EACCES: return WasiErrno.ACCES;
    case Errno.EFAULT: return WasiErrno.FAULT;
    case Errno.EBUSY: return WasiErrno.BUSY;
    case Errno.EEXIST: return WasiErrno.EXIST;
    case Errno.EXDEV: return WasiErrno.XDEV;
    case Errno.ENODEV: return WasiErrno.NODEV;
    case Errno.ENOTDIR: return WasiErrno.NOTDIR;
    case Errno.EISDIR: return WasiErrno.ISDIR;
    case Errno.EINVAL: return WasiErrno.INVAL;
    case Errno.ENFILE: return WasiErrno.NFILE;
    case Errno.EMFILE: return WasiErrno.MFILE;
    case Errno.ENOTTY: return WasiErrno.NOTTY;
    case Errno.EFBIG: return WasiErrno.FBIG;
    case Errno.ENOSPC: return WasiErrno.NOSPC;
    case Errno.ESPIPE: return WasiErrno.SPIPE;
    case Errno.EROFS: return WasiErrno.ROFS;
    case Errno.EPIPE: return WasiErrno.PIPE;
    case Errno.ERANGE: return WasiErrno.RANGE;
    case Errno.ENAMETOOLONG: return WasiErrno.NAMETOOLONG;
    case Errno.ENOSYS: return WasiErrno.NOSYS;
    case Errno.ENOTEMPTY: return WasiErrno.NOTEMPTY;
    case Errno.EOVERFLOW: return WasiErrno.OVERFLOW;
    case Errno.ENOTSOCK: return WasiErrno.NOTSOCK;
    case Errno.EOPNOTSUPP: return WasiErrno.NOTSUP;
    case Errno.ESOCKTNOSUPPORT: return WasiErrno.NOTSUP;     // WASI has no socket-type errno
    case Errno.EADDRINUSE: return WasiErrno.ADDRINUSE;
    case Errno.ECONNRESET: return WasiErrno.CONNRESET;
    case Errno.ENOTCONN: return WasiErrno.NOTCONN;
    case Errno.ETIMEDOUT: return WasiErrno.TIMEDOUT;
    case Errno.ECONNREFUSED: return WasiErrno.CONNREFUSED;
    case Errno.EMSGSIZE: return WasiErrno.MSGSIZE;
    case Errno.ENOPROTOOPT: return WasiErrno.NOPROTOOPT;
    case Errno.EPROTONOSUPPORT: return WasiErrno.PROTONOSUPPORT;
    case Errno.EAFNOSUPPORT: return WasiErrno.AFNOSUPPORT;
    case Errno.EADDRNOTAVAIL: return WasiErrno.ADDRNOTAVAIL;
    case Errno.ENETDOWN: return WasiErrno.NETDOWN;
    case Errno.ENETUNREACH: return WasiErrno.NETUNREACH;
    case Errno.ENOBUFS: return WasiErrno.NOBUFS;
    case Errno.EISCONN: return WasiErrno.ISCONN;
    case Errno.EINPROGRESS: return WasiErrno.INPROGRESS;
    case Errno.ELOOP: return WasiErrno.LOOP;
    case Errno.EMLINK: return WasiErrno.MLINK;
  }
  return WasiErrno.IO;
}

// A WASI handler returns 0 or more for success, a negative Linux errno (or -ERESTARTSYS: it sleeps),
// or -(WASI_DIRECT + e) for WASI errno e that no Linux errno stands for (NOTCAPABLE).
export const WASI_DIRECT: i32 = 0x10000;

// filetype
export enum Filetype {
  UNKNOWN = 0, BLOCK_DEVICE = 1, CHARACTER_DEVICE = 2, DIRECTORY = 3, REGULAR_FILE = 4,
  SOCKET_DGRAM = 5, SOCKET_STREAM = 6, SYMBOLIC_LINK = 7,
}

// fdflags (fdstat.fs_flags, path_open, fd_fdstat_set_flags)
export const FDFLAGS_APPEND: u32 = 1;
export const FDFLAGS_DSYNC: u32 = 2;
export const FDFLAGS_NONBLOCK: u32 = 4;
export const FDFLAGS_RSYNC: u32 = 8;
export const FDFLAGS_SYNC: u32 = 16;

// oflags (path_open)
export const OFLAGS_CREAT: u32 = 1;
export const OFLAGS_DIRECTORY: u32 = 2;
export const OFLAGS_EXCL: u32 = 4;
export const OFLAGS_TRUNC: u32 = 8;

// lookupflags
export const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

// fstflags (fd_filestat_set_times, path_filestat_set_times)
export const FSTFLAGS_ATIM: u32 = 1;
export const FSTFLAGS_ATIM_NOW: u32 = 2;
export const FSTFLAGS_MTIM: u32 = 4;
export const FSTFLAGS_MTIM_NOW: u32 = 8;

// rights: accepted and ignored (as wasmtime and the other current runtimes do), except that
// path_open takes the access mode from them as they do. fdstat reports what wasmtime reports:
// RIGHTS_DIR on a preopened directory (RIGHTS_DIR | RIGHTS_FILE inherited), else every right the
// open mode and the file's type allow.
export const RIGHT_FD_DATASYNC: u32 = 1 << 0;
export const RIGHT_FD_READ: u32 = 1 << 1;
export const RIGHT_FD_SEEK: u32 = 1 << 2;
export const RIGHT_FD_FDSTAT_SET_FLAGS: u32 = 1 << 3;
export const RIGHT_FD_SYNC: u32 = 1 << 4;
export const RIGHT_FD_TELL: u32 = 1 << 5;
export const RIGHT_FD_WRITE: u32 = 1 << 6;
export const RIGHT_FD_ADVISE: u32 = 1 << 7;
export const RIGHT_FD_ALLOCATE: u32 = 1 << 8;
export const RIGHT_PATH_CREATE_DIRECTORY: u32 = 1 << 9;
export const RIGHT_PATH_CREATE_FILE: u32 = 1 << 10;
export const RIGHT_PATH_LINK_SOURCE: u32 = 1 << 11;
export const RIGHT_PATH_LINK_TARGET: u32 = 1 << 12;
export const RIGHT_PATH_OPEN: u32 = 1 << 13;
export const RIGHT_FD_READDIR: u32 = 1 << 14;
export const RIGHT_PATH_READLINK: u32 = 1 << 15;
export const RIGHT_PATH_RENAME_SOURCE: u32 = 1 << 16;
export const RIGHT_PATH_RENAME_TARGET: u32 = 1 << 17;
export const RIGHT_PATH_FILESTAT_GET: u32 = 1 << 18;
export const RIGHT_PATH_FILESTAT_SET_SIZE: u32 = 1 << 19;
export const RIGHT_PATH_FILESTAT_SET_TIMES: u32 = 1 << 20;
export const RIGHT_FD_FILESTAT_GET: u32 = 1 << 21;
export const RIGHT_FD_FILESTAT_SET_SIZE: u32 = 1 << 22;
export const RIGHT_FD_FILESTAT_SET_TIMES: u32 = 1 << 23;
export const RIGHT_PATH_SYMLINK: u32 = 1 << 24;
export const RIGHT_PATH_REMOVE_DIRECTORY: u32 = 1 << 25;
export const RIGHT_PATH_UNLINK_FILE: u32 = 1 << 26;
export const RIGHT_POLL_FD_READWRITE: u32 = 1 << 27;
export const RIGHT_SOCK_SHUTDOWN: u32 = 1 << 28;
export const RIGHT_SOCK_ACCEPT: u32 = 1 << 29;
export const RIGHTS_ALL: u32 = (1 << 30) - 1;   // the 30 rights preview 1 defines
export const RIGHTS_DIR: u32 = RIGHT_PATH_CREATE_DIRECTORY | RIGHT_PATH_CREATE_FILE | RIGHT_PATH_LINK_SOURCE |
  RIGHT_PATH_LINK_TARGET | RIGHT_PATH_OPEN | RIGHT_FD_READDIR | RIGHT_PATH_READLINK | RIGHT_PATH_RENAME_SOURCE |
  RIGHT_PATH_RENAME_TARGET | RIGHT_PATH_SYMLINK | RIGHT_PATH_REMOVE_DIRECTORY | RIGHT_PATH_UNLINK_FILE |
  RIGHT_PATH_FILESTAT_GET | RIGHT_PATH_FILESTAT_SET_TIMES | RIGHT_FD_FILESTAT_GET | RIGHT_FD_FILESTAT_SET_TIMES;
export const RIGHTS_FILE: u32 = RIGHT_FD_DATASYNC | RIGHT_FD_READ | RIGHT_FD_SEEK | RIGHT_FD_FDSTAT_SET_FLAGS |
  RIGHT_FD_SYNC | RIGHT_FD_TELL | RIGHT_FD_WRITE | RIGHT_FD_ADVISE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE |
  RIGHT_POLL_FD_READWRITE;

// whence (fd_seek): the same values as Linux's SEEK_SET, SEEK_CUR, SEEK_END
export const WHENCE_SET: u32 = 0;
export const WHENCE_CUR: u32 = 1;
export const WHENCE_END: u32 = 2;

// clockid
export const WASI_CLOCK_REALTIME: u32 = 0;
export const WASI_CLOCK_MONOTONIC: u32 = 1;
export const WASI_CLOCK_PROCESS_CPUTIME_ID: u32 = 2;
export const WASI_CLOCK_THREAD_CPUTIME_ID: u32 = 3;

// eventtype, subclockflags, eventrwflags (poll_oneoff)
export const EVENTTYPE_CLOCK: u8 = 0;
export const EVENTTYPE_FD_READ: u8 = 1;
export const EVENTTYPE_FD_WRITE: u8 = 2;
export const SUBCLOCK_ABSTIME: u16 = 1;
export const EVENTRWFLAGS_HANGUP: u16 = 1;

// advice (fd_advise)
export const ADVICE_NORMAL: u32 = 0;
export const ADVICE_SEQUENTIAL: u32 = 1;
export const ADVICE_RANDOM: u32 = 2;
export const ADVICE_WILLNEED: u32 = 3;
export const ADVICE_DONTNEED: u32 = 4;
export const ADVICE_NOREUSE: u32 = 5;

// sdflags (sock_shutdown); riflags / roflags (sock_recv)
export const SDFLAGS_RD: u32 = 1;
export const SDFLAGS_WR: u32 = 2;
export const RIFLAGS_RECV_PEEK: u32 = 1;
export const RIFLAGS_RECV_WAITALL: u32 = 2;

// preopentype
export const PREOPENTYPE_DIR: u8 = 0;

// signal (proc_raise): WASI's numbering is Linux's up to SIGTERM (15); from 16 on WASI has no
// SIGSTKFLT, so WASI's n is Linux's n + 1 (WASI_SIG_SHIFT_FROM)
export const WASI_SIGNONE: u32 = 0;
export const WASI_SIGABRT: u32 = 6;
export const WASI_SIGKILL: u32 = 9;
export const WASI_SIGNALS: u32 = 31;   // signals 1 .. 30
export const WASI_SIG_SHIFT_FROM: u32 = 16;

// records
export const PRESTAT_SIZE: usize = 8;
export const PRESTAT_TAG: usize = 0;
export const PRESTAT_NAME_LEN: usize = 4;

export const FDSTAT_SIZE: usize = 24;
export const FDSTAT_FILETYPE: usize = 0;
export const FDSTAT_FLAGS: usize = 2;
export const FDSTAT_RIGHTS_BASE: usize = 8;
export const FDSTAT_RIGHTS_INHERITING: usize = 16;

export const FILESTAT_SIZE: usize = 64;
export const FILESTAT_DEV: usize = 0;
export const FILESTAT_INO: usize = 8;
export const FILESTAT_FILETYPE: usize = 16;
export const FILESTAT_NLINK: usize = 24;
export const FILESTAT_SIZE_OFF: usize = 32;
export const FILESTAT_ATIM: usize = 40;
export const FILESTAT_MTIM: usize = 48;
export const FILESTAT_CTIM: usize = 56;

export const WDIRENT_SIZE: usize = 24;
export const WDIRENT_NEXT: usize = 0;
export const WDIRENT_INO: usize = 8;
export const WDIRENT_NAMLEN: usize = 16;
export const WDIRENT_TYPE: usize = 20;

export const SUBSCRIPTION_SIZE: usize = 48;
export const SUB_USERDATA: usize = 0;
export const SUB_TAG: usize = 8;
export const SUB_CLOCK_ID: usize = 16;
export const SUB_CLOCK_TIMEOUT: usize = 24;
export const SUB_CLOCK_PRECISION: usize = 32;
export const SUB_CLOCK_FLAGS: usize = 40;
export const SUB_FD: usize = 16;

export const EVENT_SIZE: usize = 32;
export const EVENT_USERDATA: usize = 0;
export const EVENT_ERROR: usize = 8;
export const EVENT_TYPE: usize = 10;
export const EVENT_NBYTES: usize = 16;
export const EVENT_FLAGS: usize = 24;
