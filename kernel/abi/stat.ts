// File status and directory entries, as Linux's asm-generic headers define them
// (asm-generic/stat.h with 64-bit longs, as arm64 and riscv64 use; linux/dirent.h; linux/stat.h).
//
// The kernel, the guest SDK (guests/sdk/uapi/stat.ts adds the S_IS*(mode) tests) and the host's
// file-system tools import them from here.
//
// Interface: S_IF* file types, S_IALLUGO and S_IRWXUGO (permission bits), DT_* directory entry types, UTIME_NOW/UTIME_OMIT (utimensat's
// special tv_nsec values); the stat and dirent64 records:
//
//   stat      0 u64 dev    8 u64 ino     16 u32 mode  20 u32 nlink  24 u32 uid   28 u32 gid
//            32 u64 rdev  40 u64 pad    48 i64 size  56 i32 blksize 60 i32 pad  64 i64 blocks
//            72 i64 atime 80 u64 atime_nsec  88 i64 mtime  96 u64 mtime_nsec
//           104 i64 ctime 112 u64 ctime_nsec 120 u32 unused[2]               STAT_SIZE = 128
//
//   dirent64  0 u64 d_ino  8 i64 d_off  16 u16 d_reclen  18 u8 d_type  19 char d_name[] (NUL ended)
//             records are d_reclen bytes apart (8-aligned)

export const S_IFMT: u32 = 0xf000;     // 0170000: file type mask
export const S_IFSOCK: u32 = 0xc000;
export const S_IFLNK: u32 = 0xa000;
export const S_IFREG: u32 = 0x8000;
export const S_IFBLK: u32 = 0x6000;
export const S_IFDIR: u32 = 0x4000;
export const S_IFCHR: u32 = 0x2000;
export const S_IFIFO: u32 = 0x1000;
export const S_IALLUGO: u32 = 0o7777;  // the permission bits with set-id and sticky (chmod's)
export const S_IRWXUGO: u32 = 0o777;   // read, write, execute for all (umask's)
export const S_IXUGO: u32 = 0o111;     // execute for someone (execve's)
export const S_ISUID: u32 = 0o4000;    // set-user-ID
export const S_ISGID: u32 = 0o2000;    // set-group-ID
export const S_ISVTX: u32 = 0o1000;    // sticky (mkdir keeps it)

export const STAT_SIZE: usize = 128;
export const ST_DEV: usize = 0;
export const ST_INO: usize = 8;
export const ST_MODE: usize = 16;
export const ST_NLINK: usize = 20;
export const ST_UID: usize = 24;
export const ST_GID: usize = 28;
export const ST_RDEV: usize = 32;
export const ST_SIZE: usize = 48;
export const ST_BLKSIZE: usize = 56;
export const ST_BLOCKS: usize = 64;
export const ST_ATIME: usize = 72;
export const ST_ATIME_NSEC: usize = 80;
export const ST_MTIME: usize = 88;
export const ST_MTIME_NSEC: usize = 96;
export const ST_CTIME: usize = 104;
export const ST_CTIME_NSEC: usize = 112;

export const D_INO: usize = 0;
export const D_OFF: usize = 8;
export const D_RECLEN: usize = 16;
export const D_TYPE: usize = 18;
export const D_NAME: usize = 19;

export const DT_UNKNOWN: u8 = 0;
export const DT_FIFO: u8 = 1;
export const DT_CHR: u8 = 2;
export const DT_DIR: u8 = 4;
export const DT_BLK: u8 = 6;
export const DT_REG: u8 = 8;
export const DT_LNK: u8 = 10;
export const DT_SOCK: u8 = 12;

// utimensat: a tv_nsec of UTIME_NOW sets that time to now, UTIME_OMIT leaves it (linux/stat.h).
export const UTIME_NOW: i32 = 0x3fffffff;    // (1 << 30) - 1
export const UTIME_OMIT: i32 = 0x3ffffffe;   // (1 << 30) - 2
