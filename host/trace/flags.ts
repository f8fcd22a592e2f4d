// Symbolic names for flag words and enumerated arguments, as strace prints them.
// The values are kernel/abi's (Linux's asm-generic uapi, the one arm64 and riscv64 use): each table
// below lists constants imported from there, so a name and its value are written down once.
// Interface: FlagSet, Named, the tables (OPEN_FLAGS, MAP, FALLOC, GRND, ...), flagsText(set, v) ->
// "O_WRONLY|O_CREAT|0x..." , enumText(set, v) -> "SEEK_END" or the number.
import * as F from "../../kernel/abi/fcntl";
import * as M from "../../kernel/abi/mman";
import * as S from "../../kernel/abi/socket";
import * as P from "../../kernel/abi/poll";
import * as W from "../../kernel/abi/wait";
import * as T from "../../kernel/abi/time";
import * as R from "../../kernel/abi/random";
import * as E from "../../kernel/abi/epoll";
import * as G from "../../kernel/abi/signals";

export type Named = ReadonlyArray<readonly [name: string, value: number]>;

// A flag word: `bits` are OR-ed names; `field` is a multi-bit value printed first (O_ACCMODE, MAP_TYPE).
export interface FlagSet { bits: Named; field?: { mask: number; names: Named }; zero?: string }

/** The [name, value] pairs of some constants of an abi module, in the order given: pick(F, "O_CREAT"). */
const pick = <M extends Record<string, unknown>>(m: M, ...names: (keyof M & string)[]): Named =>
  names.map((n) => [n, m[n] as number] as const);

// openat flags (octal in the uapi headers).
const O_BITS = pick(F, "O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC",
  "O_DSYNC", "O_ASYNC", "O_DIRECT", "O_LARGEFILE", "O_TMPFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME",
  "O_CLOEXEC", "O_PATH");
export const OPEN_FLAGS: FlagSet = {
  bits: O_BITS,
  field: { mask: F.O_ACCMODE, names: pick(F, "O_RDONLY", "O_WRONLY", "O_RDWR") },
};
export const FD_FLAGS: FlagSet = { bits: O_BITS, zero: "0" };   // dup3, pipe2, F_SETFL: no access mode

export const PROT: FlagSet = {
  bits: pick(M, "PROT_READ", "PROT_WRITE", "PROT_EXEC", "PROT_SEM", "PROT_GROWSDOWN", "PROT_GROWSUP"),
  zero: "PROT_NONE",
};

export const MAP: FlagSet = {
  field: { mask: M.MAP_TYPE, names: pick(M, "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE") },
  bits: pick(M, "MAP_FIXED", "MAP_ANONYMOUS", "MAP_GROWSDOWN", "MAP_DENYWRITE", "MAP_EXECUTABLE",
    "MAP_LOCKED", "MAP_NORESERVE", "MAP_POPULATE", "MAP_NONBLOCK", "MAP_STACK", "MAP_HUGETLB", "MAP_SYNC",
    "MAP_FIXED_NOREPLACE"),
};

export const MREMAP: FlagSet = {
  bits: pick(M, "MREMAP_MAYMOVE", "MREMAP_FIXED", "MREMAP_DONTUNMAP"),
  zero: "0",
};
export const MS: FlagSet = { bits: pick(M, "MS_ASYNC", "MS_INVALIDATE", "MS_SYNC"), zero: "0" };
export const MCL: FlagSet = { bits: pick(M, "MCL_CURRENT", "MCL_FUTURE", "MCL_ONFAULT"), zero: "0" };
export const SPLICE_F: FlagSet = {
  bits: pick(F, "SPLICE_F_MOVE", "SPLICE_F_NONBLOCK", "SPLICE_F_MORE", "SPLICE_F_GIFT"),
  zero: "0",
};
export const AT_FLAGS: FlagSet = {
  bits: pick(F, "AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR", "AT_EACCESS", "AT_SYMLINK_FOLLOW", "AT_NO_AUTOMOUNT",
    "AT_EMPTY_PATH"),
  zero: "0",
};
export const ACCESS_MODE: FlagSet = { bits: pick(F, "R_OK", "W_OK", "X_OK"), zero: "F_OK" };
export const WAIT_OPTIONS: FlagSet = {
  bits: pick(W, "WNOHANG", "WUNTRACED", "WEXITED", "WCONTINUED", "WNOWAIT", "__WNOTHREAD", "__WALL",
    "__WCLONE"),
  zero: "0",
};
export const SA_FLAG_SET: FlagSet = {
  bits: pick(G, "SA_NOCLDSTOP", "SA_NOCLDWAIT", "SA_SIGINFO", "SA_ONSTACK", "SA_RESTART", "SA_NODEFER", "SA_RESETHAND"),
  zero: "0",
};
export const SIG_HOW: Named = pick(G, "SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK");
export const ITIMERS: Named = pick(G, "ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF");
export const SI_CODES: Named = pick(G, "SI_USER", "SI_KERNEL", "SI_TKILL");
export const CLD_CODES: Named = pick(G, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_STOPPED", "CLD_CONTINUED");
export const MSG_FLAGS: FlagSet = {
  bits: pick(S, "MSG_OOB", "MSG_PEEK", "MSG_DONTROUTE", "MSG_CTRUNC", "MSG_TRUNC", "MSG_DONTWAIT", "MSG_EOR",
    "MSG_WAITALL", "MSG_NOSIGNAL", "MSG_MORE", "MSG_CMSG_CLOEXEC", "MSG_ZEROCOPY"),
  zero: "0",
};
export const SOCK_TYPE: FlagSet = {
  field: { mask: S.SOCK_TYPE_MASK, names: pick(S, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM",
    "SOCK_SEQPACKET") },
  bits: pick(S, "SOCK_NONBLOCK", "SOCK_CLOEXEC"),
};
export const POLL_EVENTS: FlagSet = {
  bits: pick(P, "POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL", "POLLRDNORM", "POLLRDBAND",
    "POLLWRNORM", "POLLWRBAND", "POLLMSG", "POLLRDHUP"),
  zero: "0",
};
export const EPOLL_EVENTS: FlagSet = {
  bits: pick(E, "EPOLLIN", "EPOLLPRI", "EPOLLOUT", "EPOLLERR", "EPOLLHUP", "EPOLLNVAL", "EPOLLRDNORM", "EPOLLRDBAND",
    "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG", "EPOLLRDHUP", "EPOLLEXCLUSIVE", "EPOLLWAKEUP", "EPOLLONESHOT", "EPOLLET"),
  zero: "0",
};
export const EPOLL_CREATE: FlagSet = { bits: pick(E, "EPOLL_CLOEXEC"), zero: "0" };
export const EPOLL_CTL = pick(E, "EPOLL_CTL_ADD", "EPOLL_CTL_DEL", "EPOLL_CTL_MOD");
export const CLONE_FLAGS = pick(W, "CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND", "CLONE_PIDFD",
  "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS", "CLONE_SYSVSEM",
  "CLONE_SETTLS", "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID", "CLONE_DETACHED", "CLONE_UNTRACED",
  "CLONE_CHILD_SETTID");

export const CLOCKS = pick(T, "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
  "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE",
  "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", "CLOCK_TAI");
export const SEEK = pick(F, "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE");
export const FCNTL_CMD = pick(F, "F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK", "F_SETLK",
  "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG", "F_SETLEASE", "F_GETLEASE", "F_DUPFD_CLOEXEC", "F_SETPIPE_SZ", "F_GETPIPE_SZ");
export const LEASE_TYPE = pick(F, "F_RDLCK", "F_WRLCK", "F_UNLCK");
export const MADV = pick(M, "MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED",
  "MADV_DONTNEED", "MADV_FREE", "MADV_REMOVE", "MADV_DONTFORK", "MADV_DOFORK", "MADV_MERGEABLE",
  "MADV_UNMERGEABLE", "MADV_HUGEPAGE", "MADV_NOHUGEPAGE", "MADV_DONTDUMP", "MADV_DODUMP", "MADV_WIPEONFORK",
  "MADV_KEEPONFORK", "MADV_COLD", "MADV_PAGEOUT", "MADV_POPULATE_READ", "MADV_POPULATE_WRITE");
export const FADV = pick(F, "POSIX_FADV_NORMAL", "POSIX_FADV_RANDOM", "POSIX_FADV_SEQUENTIAL",
  "POSIX_FADV_WILLNEED", "POSIX_FADV_DONTNEED", "POSIX_FADV_NOREUSE");
export const FALLOC: FlagSet = {
  bits: pick(F, "FALLOC_FL_KEEP_SIZE", "FALLOC_FL_PUNCH_HOLE", "FALLOC_FL_NO_HIDE_STALE", "FALLOC_FL_COLLAPSE_RANGE",
    "FALLOC_FL_ZERO_RANGE", "FALLOC_FL_INSERT_RANGE", "FALLOC_FL_UNSHARE_RANGE"),
  zero: "0",
};
export const GRND: FlagSet = { bits: pick(R, "GRND_NONBLOCK", "GRND_RANDOM", "GRND_INSECURE"), zero: "0" };
export const AF = pick(S, "AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET");
export const SHUT = pick(S, "SHUT_RD", "SHUT_WR", "SHUT_RDWR");
export const SOL = pick(S, "SOL_SOCKET", "SOL_IP", "SOL_TCP", "SOL_UDP");
export const SO = pick(S, "SO_DEBUG", "SO_REUSEADDR", "SO_TYPE", "SO_ERROR", "SO_DONTROUTE", "SO_BROADCAST",
  "SO_SNDBUF", "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_LINGER", "SO_REUSEPORT", "SO_RCVLOWAT",
  "SO_SNDLOWAT", "SO_ZEROCOPY");
export const TCP_OPT = pick(S, "TCP_NODELAY", "TCP_MAXSEG", "TCP_CORK");

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
