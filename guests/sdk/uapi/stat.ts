// File status and directory entries: the constants and records of kernel/abi/stat.ts, re-exported
// for guest programs, and the S_IS*(mode) tests.
//
// Interface: everything in kernel/abi/stat.ts; S_ISREG, S_ISDIR, S_ISCHR, S_ISFIFO, S_ISSOCK, S_ISLNK.
import { S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFIFO, S_IFSOCK, S_IFLNK } from "../../../kernel/abi/stat";
export * from "../../../kernel/abi/stat";

export function S_ISREG(m: u32): bool { return (m & S_IFMT) == S_IFREG; }
export function S_ISDIR(m: u32): bool { return (m & S_IFMT) == S_IFDIR; }
export function S_ISCHR(m: u32): bool { return (m & S_IFMT) == S_IFCHR; }
export function S_ISFIFO(m: u32): bool { return (m & S_IFMT) == S_IFIFO; }
export function S_ISSOCK(m: u32): bool { return (m & S_IFMT) == S_IFSOCK; }
export function S_ISLNK(m: u32): bool { return (m & S_IFMT) == S_IFLNK; }
