// File flags and constants, as Linux's asm-generic headers define them (asm-generic/fcntl.h,
// linux/fcntl.h, linux/fs.h, linux/fadvise.h, linux/splice.h). The kernel, the guest SDK and the
// tracer's name tables (host/trace/flags.ts) all import them from here.
//
// Interface: O_* open flags, F_* fcntl commands (F_RDLCK, F_WRLCK, F_UNLCK: lease types), FD_CLOEXEC, AT_* *at() flags, SEEK_* whence
// values, *_OK access modes, POSIX_FADV_* advice, SPLICE_F_* splice/tee/vmsplice flags, FALLOC_FL_*
// fallocate modes.

export const O_ACCMODE: i32 = 0x3;
export const O_RDONLY: i32 = 0x0;
export const O_WRONLY: i32 = 0x1;
export const O_RDWR: i32 = 0x2;
export const O_CREAT: i32 = 0x40;          // 0100: create if missing
export const O_EXCL: i32 = 0x80;           // 0200: with O_CREAT, fail if it exists
export const O_NOCTTY: i32 = 0x100;        // 0400
export const O_TRUNC: i32 = 0x200;         // 01000: truncate to length 0
export const O_APPEND: i32 = 0x400;        // 02000: every write goes to the end
export const O_NONBLOCK: i32 = 0x800;      // 04000: -EAGAIN instead of sleeping
export const O_DSYNC: i32 = 0x1000;        // 010000
export const O_ASYNC: i32 = 0x2000;        // 020000: FASYNC, signal-driven I/O
export const O_DIRECT: i32 = 0x4000;       // 040000: bypass the page cache
export const O_LARGEFILE: i32 = 0x8000;    // 0100000
export const O_DIRECTORY: i32 = 0x10000;   // 0200000: fail unless a directory
export const O_NOFOLLOW: i32 = 0x20000;    // 0400000
export const O_NOATIME: i32 = 0x40000;     // 01000000
export const O_CLOEXEC: i32 = 0x80000;     // 02000000: close on execve
export const O_SYNC: i32 = 0x101000;       // 04010000: __O_SYNC | O_DSYNC
export const O_PATH: i32 = 0x200000;       // 010000000
export const O_TMPFILE: i32 = 0x410000;    // 020200000: __O_TMPFILE | O_DIRECTORY

export const F_DUPFD: i32 = 0;
export const F_GETFD: i32 = 1;
export const F_SETFD: i32 = 2;
export const F_GETFL: i32 = 3;
export const F_SETFL: i32 = 4;
export const F_GETLK: i32 = 5;
export const F_SETLK: i32 = 6;
export const F_SETLKW: i32 = 7;
export const F_SETOWN: i32 = 8;
export const F_GETOWN: i32 = 9;
export const F_SETSIG: i32 = 10;           // the signal sent for I/O readiness and lease breaks (0: SIGIO)
export const F_GETSIG: i32 = 11;
export const F_RDLCK: i32 = 0;             // lock and lease types (F_SETLEASE's argument, F_GETLEASE's value)
export const F_WRLCK: i32 = 1;
export const F_UNLCK: i32 = 2;
export const F_SETLEASE: i32 = 1024;       // F_LINUX_SPECIFIC_BASE + 0: take, change or drop a lease
export const F_GETLEASE: i32 = 1025;       // F_LINUX_SPECIFIC_BASE + 1
export const F_DUPFD_CLOEXEC: i32 = 1030;  // F_LINUX_SPECIFIC_BASE + 6
export const F_SETPIPE_SZ: i32 = 1031;
export const F_GETPIPE_SZ: i32 = 1032;
export const FD_CLOEXEC: i32 = 1;          // F_GETFD/F_SETFD flag

export const AT_FDCWD: i32 = -100;         // dirfd meaning "the current directory"
export const AT_SYMLINK_NOFOLLOW: i32 = 0x100;
export const AT_REMOVEDIR: i32 = 0x200;    // unlinkat: remove a directory (rmdir)
export const AT_EACCESS: i32 = 0x200;      // faccessat: check with the effective ids
export const AT_SYMLINK_FOLLOW: i32 = 0x400;
export const AT_NO_AUTOMOUNT: i32 = 0x800;
export const AT_EMPTY_PATH: i32 = 0x1000;  // operate on dirfd itself when path is ""

export const SEEK_SET: i32 = 0;
export const SEEK_CUR: i32 = 1;
export const SEEK_END: i32 = 2;
export const SEEK_DATA: i32 = 3;
export const SEEK_HOLE: i32 = 4;

export const F_OK: i32 = 0;                // faccessat: exists
export const X_OK: i32 = 1;
export const W_OK: i32 = 2;
export const R_OK: i32 = 4;

export const POSIX_FADV_NORMAL: i32 = 0;
export const POSIX_FADV_RANDOM: i32 = 1;
export const POSIX_FADV_SEQUENTIAL: i32 = 2;
export const POSIX_FADV_WILLNEED: i32 = 3;
export const POSIX_FADV_DONTNEED: i32 = 4;
export const POSIX_FADV_NOREUSE: i32 = 5;

export const SPLICE_F_MOVE: i32 = 1;       // move pages instead of copying (a hint)
export const SPLICE_F_NONBLOCK: i32 = 2;   // do not block on the pipe
export const SPLICE_F_MORE: i32 = 4;       // more data will follow
export const SPLICE_F_GIFT: i32 = 8;       // vmsplice: the pages are given to the kernel

// fallocate modes (linux/falloc.h). 0 allocates and extends the size; KEEP_SIZE allocates only.
export const FALLOC_FL_KEEP_SIZE: i32 = 0x01;
export const FALLOC_FL_PUNCH_HOLE: i32 = 0x02;
export const FALLOC_FL_NO_HIDE_STALE: i32 = 0x04;
export const FALLOC_FL_COLLAPSE_RANGE: i32 = 0x08;
export const FALLOC_FL_ZERO_RANGE: i32 = 0x10;
export const FALLOC_FL_INSERT_RANGE: i32 = 0x20;
export const FALLOC_FL_UNSHARE_RANGE: i32 = 0x40;
