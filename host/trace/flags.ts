// Symbolic names for flag words and enumerated arguments, as strace prints them.
// Values are Linux's asm-generic uapi (the ones arm64 and riscv64 use); tests/trace.flags.test.ts checks
// them against any constant of the same name in kernel/*.ts, so the two never drift apart.
// Interface: flagsText(set, v) -> "O_WRONLY|O_CREAT|0x..." , enumText(set, v) -> "SEEK_END" or the number.

export type Named = ReadonlyArray<readonly [name: string, value: number]>;

// A flag word: `bits` are OR-ed names; `field` is a multi-bit value printed first (O_ACCMODE, MAP_TYPE).
export interface FlagSet { bits: Named; field?: { mask: number; names: Named }; zero?: string }

export const AT_FDCWD = -100;            // dirfd meaning "relative to the working directory"

// openat flags (octal in the uapi headers).
export const O_ACCMODE = 0o3;
export const O_CREAT = 0o100;
export const O_TMPFILE = 0o20200000;     // __O_TMPFILE | O_DIRECTORY
const O_BITS: Named = [
  ["O_CREAT", 0o100], ["O_EXCL", 0o200], ["O_NOCTTY", 0o400], ["O_TRUNC", 0o1000],
  ["O_APPEND", 0o2000], ["O_NONBLOCK", 0o4000], ["O_SYNC", 0o4010000], ["O_DSYNC", 0o10000],
  ["O_ASYNC", 0o20000], ["O_DIRECT", 0o40000], ["O_LARGEFILE", 0o100000], ["O_TMPFILE", 0o20200000],
  ["O_DIRECTORY", 0o200000], ["O_NOFOLLOW", 0o400000], ["O_NOATIME", 0o1000000],
  ["O_CLOEXEC", 0o2000000], ["O_PATH", 0o10000000],
];
export const OPEN_FLAGS: FlagSet = {
  bits: O_BITS,
  field: { mask: O_ACCMODE, names: [["O_RDONLY", 0], ["O_WRONLY", 1], ["O_RDWR", 2]] },
};
export const FD_FLAGS: FlagSet = { bits: O_BITS, zero: "0" };   // dup3, pipe2, F_SETFL: no access mode

export const PROT: FlagSet = {
  bits: [["PROT_READ", 0x1], ["PROT_WRITE", 0x2], ["PROT_EXEC", 0x4], ["PROT_SEM", 0x8],
    ["PROT_GROWSDOWN", 0x01000000], ["PROT_GROWSUP", 0x02000000]],
  zero: "PROT_NONE",
};

export const MAP: FlagSet = {
  field: { mask: 0xf, names: [["MAP_SHARED", 0x1], ["MAP_PRIVATE", 0x2], ["MAP_SHARED_VALIDATE", 0x3]] },
  bits: [["MAP_FIXED", 0x10], ["MAP_ANONYMOUS", 0x20], ["MAP_GROWSDOWN", 0x100], ["MAP_DENYWRITE", 0x800],
    ["MAP_EXECUTABLE", 0x1000], ["MAP_LOCKED", 0x2000], ["MAP_NORESERVE", 0x4000], ["MAP_POPULATE", 0x8000],
    ["MAP_NONBLOCK", 0x10000], ["MAP_STACK", 0x20000], ["MAP_HUGETLB", 0x40000], ["MAP_SYNC", 0x80000],
    ["MAP_FIXED_NOREPLACE", 0x100000]],
};

export const MREMAP: FlagSet = { bits: [["MREMAP_MAYMOVE", 1], ["MREMAP_FIXED", 2], ["MREMAP_DONTUNMAP", 4]], zero: "0" };
export const MS: FlagSet = { bits: [["MS_ASYNC", 1], ["MS_INVALIDATE", 2], ["MS_SYNC", 4]], zero: "0" };
export const SPLICE_F: FlagSet = {
  bits: [["SPLICE_F_MOVE", 1], ["SPLICE_F_NONBLOCK", 2], ["SPLICE_F_MORE", 4], ["SPLICE_F_GIFT", 8]], zero: "0",
};
export const AT_FLAGS: FlagSet = {
  bits: [["AT_SYMLINK_NOFOLLOW", 0x100], ["AT_REMOVEDIR", 0x200], ["AT_EACCESS", 0x200],
    ["AT_SYMLINK_FOLLOW", 0x400], ["AT_NO_AUTOMOUNT", 0x800], ["AT_EMPTY_PATH", 0x1000]],
  zero: "0",
};
export const ACCESS_MODE: FlagSet = { bits: [["R_OK", 4], ["W_OK", 2], ["X_OK", 1]], zero: "F_OK" };
export const WAIT_OPTIONS: FlagSet = {
  bits: [["WNOHANG", 1], ["WUNTRACED", 2], ["WEXITED", 4], ["WCONTINUED", 8], ["WNOWAIT", 0x01000000],
    ["__WNOTHREAD", 0x20000000], ["__WALL", 0x40000000], ["__WCLONE", 0x80000000]],
  zero: "0",
};
export const MSG_FLAGS: FlagSet = {
  bits: [["MSG_OOB", 1], ["MSG_PEEK", 2], ["MSG_DONTROUTE", 4], ["MSG_CTRUNC", 8], ["MSG_TRUNC", 0x20],
    ["MSG_DONTWAIT", 0x40], ["MSG_EOR", 0x80], ["MSG_WAITALL", 0x100], ["MSG_NOSIGNAL", 0x4000],
    ["MSG_MORE", 0x8000], ["MSG_CMSG_CLOEXEC", 0x40000000], ["MSG_ZEROCOPY", 0x4000000]],
  zero: "0",
};
export const SOCK_TYPE: FlagSet = {
  field: { mask: 0xf, names: [["SOCK_STREAM", 1], ["SOCK_DGRAM", 2], ["SOCK_RAW", 3], ["SOCK_RDM", 4],
    ["SOCK_SEQPACKET", 5]] },
  bits: [["SOCK_NONBLOCK", 0o4000], ["SOCK_CLOEXEC", 0o2000000]],
};
export const POLL_EVENTS: FlagSet = {
  bits: [["POLLIN", 0x1], ["POLLPRI", 0x2], ["POLLOUT", 0x4], ["POLLERR", 0x8], ["POLLHUP", 0x10],
    ["POLLNVAL", 0x20], ["POLLRDNORM", 0x40], ["POLLRDBAND", 0x80], ["POLLWRNORM", 0x100],
    ["POLLWRBAND", 0x200], ["POLLMSG", 0x400], ["POLLRDHUP", 0x2000]],
  zero: "0",
};
export const CLONE_FLAGS: Named = [
  ["CLONE_VM", 0x100], ["CLONE_FS", 0x200], ["CLONE_FILES", 0x400], ["CLONE_SIGHAND", 0x800],
  ["CLONE_PIDFD", 0x1000], ["CLONE_PTRACE", 0x2000], ["CLONE_VFORK", 0x4000], ["CLONE_PARENT", 0x8000],
  ["CLONE_THREAD", 0x10000], ["CLONE_NEWNS", 0x20000], ["CLONE_SYSVSEM", 0x40000], ["CLONE_SETTLS", 0x80000],
  ["CLONE_PARENT_SETTID", 0x100000], ["CLONE_CHILD_CLEARTID", 0x200000], ["CLONE_DETACHED", 0x400000],
  ["CLONE_UNTRACED", 0x800000], ["CLONE_CHILD_SETTID", 0x1000000],
];

export const CLOCKS: Named = [
  ["CLOCK_REALTIME", 0], ["CLOCK_MONOTONIC", 1], ["CLOCK_PROCESS_CPUTIME_ID", 2], ["CLOCK_THREAD_CPUTIME_ID", 3],
  ["CLOCK_MONOTONIC_RAW", 4], ["CLOCK_REALTIME_COARSE", 5], ["CLOCK_MONOTONIC_COARSE", 6], ["CLOCK_BOOTTIME", 7],
  ["CLOCK_REALTIME_ALARM", 8], ["CLOCK_BOOTTIME_ALARM", 9], ["CLOCK_TAI", 11],
];
export const SEEK: Named = [["SEEK_SET", 0], ["SEEK_CUR", 1], ["SEEK_END", 2], ["SEEK_DATA", 3], ["SEEK_HOLE", 4]];
export const FCNTL_CMD: Named = [
  ["F_DUPFD", 0], ["F_GETFD", 1], ["F_SETFD", 2], ["F_GETFL", 3], ["F_SETFL", 4], ["F_GETLK", 5],
  ["F_SETLK", 6], ["F_SETLKW", 7], ["F_SETOWN", 8], ["F_GETOWN", 9], ["F_DUPFD_CLOEXEC", 1030],
  ["F_SETPIPE_SZ", 1031], ["F_GETPIPE_SZ", 1032],
];
export const MADV: Named = [
  ["MADV_NORMAL", 0], ["MADV_RANDOM", 1], ["MADV_SEQUENTIAL", 2], ["MADV_WILLNEED", 3], ["MADV_DONTNEED", 4],
  ["MADV_FREE", 8], ["MADV_REMOVE", 9], ["MADV_DONTFORK", 10], ["MADV_DOFORK", 11], ["MADV_MERGEABLE", 12],
  ["MADV_UNMERGEABLE", 13], ["MADV_HUGEPAGE", 14], ["MADV_NOHUGEPAGE", 15], ["MADV_DONTDUMP", 16],
  ["MADV_DODUMP", 17], ["MADV_WIPEONFORK", 18], ["MADV_KEEPONFORK", 19], ["MADV_COLD", 20],
  ["MADV_PAGEOUT", 21], ["MADV_POPULATE_READ", 22], ["MADV_POPULATE_WRITE", 23],
];
export const FADV: Named = [
  ["POSIX_FADV_NORMAL", 0], ["POSIX_FADV_RANDOM", 1], ["POSIX_FADV_SEQUENTIAL", 2],
  ["POSIX_FADV_WILLNEED", 3], ["POSIX_FADV_DONTNEED", 4], ["POSIX_FADV_NOREUSE", 5],
];
export const AF: Named = [
  ["AF_UNSPEC", 0], ["AF_UNIX", 1], ["AF_INET", 2], ["AF_INET6", 10], ["AF_NETLINK", 16], ["AF_PACKET", 17],
];
export const SHUT: Named = [["SHUT_RD", 0], ["SHUT_WR", 1], ["SHUT_RDWR", 2]];
export const SOL: Named = [["SOL_SOCKET", 1], ["SOL_IP", 0], ["SOL_TCP", 6], ["SOL_UDP", 17]];
export const SO: Named = [
  ["SO_DEBUG", 1], ["SO_REUSEADDR", 2], ["SO_TYPE", 3], ["SO_ERROR", 4], ["SO_DONTROUTE", 5],
  ["SO_BROADCAST", 6], ["SO_SNDBUF", 7], ["SO_RCVBUF", 8], ["SO_KEEPALIVE", 9], ["SO_OOBINLINE", 10],
  ["SO_LINGER", 13], ["SO_REUSEPORT", 15], ["SO_RCVLOWAT", 18], ["SO_SNDLOWAT", 19], ["SO_ZEROCOPY", 60],
];
export const TCP_OPT: Named = [["TCP_NODELAY", 1], ["TCP_MAXSEG", 2], ["TCP_CORK", 3]];

// Every table above, by name, for the cross-check test.
export const ALL_NAMED: Named = [
  ...O_BITS, ...OPEN_FLAGS.field!.names, ...PROT.bits, ...MAP.field!.names, ...MAP.bits, ...MREMAP.bits,
  ...MS.bits, ...SPLICE_F.bits, ...AT_FLAGS.bits, ...ACCESS_MODE.bits, ...WAIT_OPTIONS.bits, ...MSG_FLAGS.bits,
  ...SOCK_TYPE.field!.names, ...SOCK_TYPE.bits, ...POLL_EVENTS.bits, ...CLONE_FLAGS, ...CLOCKS, ...SEEK,
  ...FCNTL_CMD, ...MADV, ...FADV, ...AF, ...SHUT, ...SOL, ...SO, ...TCP_OPT,
  ["AT_FDCWD", AT_FDCWD], ["O_ACCMODE", O_ACCMODE], ["PROT_NONE", 0], ["F_OK", 0], ["FD_CLOEXEC", 1],
];

const hex = (v: number) => "0x" + v.toString(16);

/** "A|B|0x40" for the bits of v (unsigned 32-bit); the set's zero name (or "0") when nothing is set. */
export function flagsText(set: FlagSet, v: number): string {
  let rest = v >>> 0;
  const parts: string[] = [];
  if (set.field) {
    const f = rest & set.field.mask;
    const n = set.field.names.find(([, x]) => x === f);
    parts.push(n ? n[0] : hex(f));
    rest = (rest & ~set.field.mask) >>> 0;
  }
  for (const [name, bit] of set.bits) {
    if (bit !== 0 && (rest & bit) >>> 0 === bit) { parts.push(name); rest = (rest & ~bit) >>> 0; }
  }
  if (rest) parts.push(hex(rest));
  return parts.length ? parts.join("|") : set.zero ?? "0";
}

/** The name of value v in the list, or v as a decimal number. */
export function enumText(names: Named, v: number): string {
  const n = names.find(([, x]) => x === v);
  return n ? n[0] : String(v);
}
