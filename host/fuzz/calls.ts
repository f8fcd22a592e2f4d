// The fuzzer's syscall table: for each call it generates, the type of each argument and what its
// result is (an fd, a pair of fds stored in memory, an address, a pid). Syscall numbers come from
// kernel/abi/syscalls.ts and flag tables from host/trace/flags.ts (built from kernel/abi's
// constants), so nothing here restates a number of the ABI.
// Interface: FdKind, ArgType, ResultKind, CallSpec, CALLS (by Sys), DEFAULT_CALLS (every generated call).
import { Sys } from "../../kernel/abi/syscalls";
import {
  OPEN_FLAGS, FD_FLAGS, PROT, MAP, MREMAP, MS, MCL, SPLICE_F, AT_FLAGS, ACCESS_MODE, WAIT_OPTIONS, MSG_FLAGS,
  SOCK_TYPE, CLOCKS, SEEK, FCNTL_CMD, MADV, FADV, AF, SHUT, SOL, SO, type FlagSet, type Named,
} from "../trace/flags";

/** What an fd is expected to be: the generator prefers an fd of that kind when it has one. */
export type FdKind = "file" | "pipe-r" | "pipe-w" | "sock";

export type ArgType =
  | { t: "fd"; kind?: FdKind } | { t: "dirfd" } | { t: "path" } | { t: "ibuf" } | { t: "obuf" } | { t: "len" } | { t: "off" }
  | { t: "flags"; set: FlagSet } | { t: "named"; names: Named } | { t: "int" } | { t: "mode" } | { t: "pid" }
  | { t: "sig" } | { t: "iov" } | { t: "ts" } | { t: "sockaddr" } | { t: "addrlen" } | { t: "pollfds" }
  | { t: "loffp" } | { t: "ofds" } | { t: "msghdr" } | { t: "argv" } | { t: "addr" } | { t: "maplen" }
  | { t: "clone" } | { t: "intp" } | { t: "ptr" };

export type ResultKind = "fd" | "fds" | "addr" | "pid" | null;
export interface CallSpec { args: ArgType[]; result: ResultKind }

const file = { t: "fd", kind: "file" } as const, sock = { t: "fd", kind: "sock" } as const;
const pipeR = { t: "fd", kind: "pipe-r" } as const, pipeW = { t: "fd", kind: "pipe-w" } as const;
const fd = { t: "fd" } as const, dirfd = { t: "dirfd" } as const, path = { t: "path" } as const;
const ibuf = { t: "ibuf" } as const, obuf = { t: "obuf" } as const, len = { t: "len" } as const;
const off = { t: "off" } as const, int = { t: "int" } as const, mode = { t: "mode" } as const;
const pid = { t: "pid" } as const, sig = { t: "sig" } as const, iov = { t: "iov" } as const;
const ts = { t: "ts" } as const, sockaddr = { t: "sockaddr" } as const, addrlen = { t: "addrlen" } as const;
const loffp = { t: "loffp" } as const, ofds = { t: "ofds" } as const, msghdr = { t: "msghdr" } as const;
const argv = { t: "argv" } as const, addr = { t: "addr" } as const, maplen = { t: "maplen" } as const;
const intp = { t: "intp" } as const, ptr = { t: "ptr" } as const;
const flags = (set: FlagSet): ArgType => ({ t: "flags", set });
const named = (names: Named): ArgType => ({ t: "named", names });
const c = (result: ResultKind, ...args: ArgType[]): CallSpec => ({ args, result });

export const CALLS: Partial<Record<Sys, CallSpec>> = {
  [Sys.getcwd]: c(null, obuf, len),
  [Sys.dup]: c("fd", fd),
  [Sys.dup3]: c("fd", fd, fd, flags(FD_FLAGS)),
  [Sys.fcntl]: c("fd", fd, named(FCNTL_CMD), int),
  [Sys.ioctl]: c(null, fd, int, ptr),
  [Sys.mkdirat]: c(null, dirfd, path, mode),
  [Sys.unlinkat]: c(null, dirfd, path, flags(AT_FLAGS)),
  [Sys.renameat]: c(null, dirfd, path, dirfd, path),
  [Sys.ftruncate]: c(null, file, off),
  [Sys.faccessat]: c(null, dirfd, path, flags(ACCESS_MODE)),
  [Sys.chdir]: c(null, path),
  [Sys.openat]: c("fd", dirfd, path, flags(OPEN_FLAGS), mode),
  [Sys.close]: c(null, fd),
  [Sys.pipe2]: c("fds", ofds, flags(FD_FLAGS)),
  [Sys.getdents64]: c(null, file, obuf, len),
  [Sys.lseek]: c(null, fd, off, named(SEEK)),
  [Sys.read]: c(null, fd, obuf, len),
  [Sys.write]: c(null, fd, ibuf, len),
  [Sys.readv]: c(null, fd, iov, int),
  [Sys.writev]: c(null, fd, iov, int),
  [Sys.pread64]: c(null, file, obuf, len, off),
  [Sys.pwrite64]: c(null, file, ibuf, len, off),
  [Sys.sendfile]: c(null, fd, file, loffp, len),
  [Sys.ppoll]: c(null, { t: "pollfds" }, int, ts, ptr, len),
  [Sys.vmsplice]: c(null, pipeW, iov, int, flags(SPLICE_F)),
  [Sys.splice]: c(null, file, loffp, pipeW, loffp, len, flags(SPLICE_F)),
  [Sys.tee]: c(null, pipeR, pipeW, len, flags(SPLICE_F)),
  [Sys.newfstatat]: c(null, dirfd, path, obuf, flags(AT_FLAGS)),
  [Sys.fstat]: c(null, fd, obuf),
  [Sys.sync]: c(null),
  [Sys.fsync]: c(null, file),
  [Sys.fdatasync]: c(null, fd),
  [Sys.nanosleep]: c(null, ts, obuf),
  [Sys.clock_gettime]: c(null, named(CLOCKS), obuf),
  [Sys.sched_yield]: c(null),
  [Sys.kill]: c(null, pid, sig),
  [Sys.uname]: c(null, obuf),
  [Sys.getpid]: c("pid"),
  [Sys.getppid]: c("pid"),
  [Sys.socket]: c("fd", named(AF), flags(SOCK_TYPE), int),
  [Sys.socketpair]: c("fds", named(AF), flags(SOCK_TYPE), int, ofds),
  [Sys.bind]: c(null, sock, sockaddr, addrlen),
  [Sys.listen]: c(null, sock, int),
  [Sys.accept]: c("fd", sock, obuf, intp),
  [Sys.connect]: c(null, sock, sockaddr, addrlen),
  [Sys.getsockname]: c(null, fd, obuf, intp),
  [Sys.getpeername]: c(null, fd, obuf, intp),
  [Sys.sendto]: c(null, sock, ibuf, len, flags(MSG_FLAGS), sockaddr, addrlen),
  [Sys.recvfrom]: c(null, sock, obuf, len, flags(MSG_FLAGS), obuf, intp),
  [Sys.setsockopt]: c(null, fd, named(SOL), named(SO), intp, addrlen),
  [Sys.getsockopt]: c(null, fd, named(SOL), named(SO), obuf, intp),
  [Sys.shutdown]: c(null, sock, named(SHUT)),
  [Sys.sendmsg]: c(null, sock, msghdr, flags(MSG_FLAGS)),
  [Sys.recvmsg]: c(null, sock, msghdr, flags(MSG_FLAGS)),
  [Sys.brk]: c("addr", addr),
  [Sys.munmap]: c(null, addr, maplen),
  [Sys.mremap]: c("addr", addr, maplen, maplen, flags(MREMAP), addr),
  [Sys.clone]: c("pid", { t: "clone" }, ptr, ptr, ptr, ptr),
  [Sys.execve]: c(null, path, argv, argv),
  [Sys.mmap]: c("addr", addr, maplen, flags(PROT), flags(MAP), file, off),
  [Sys.fadvise64]: c(null, file, off, off, named(FADV)),
  [Sys.mprotect]: c(null, addr, maplen, flags(PROT)),
  [Sys.msync]: c(null, addr, maplen, flags(MS)),
  [Sys.mlock]: c(null, addr, maplen),
  [Sys.munlock]: c(null, addr, maplen),
  [Sys.mlockall]: c(null, flags(MCL)),
  [Sys.munlockall]: c(null),
  [Sys.mincore]: c(null, addr, maplen, obuf),
  [Sys.madvise]: c(null, addr, maplen, named(MADV)),
  [Sys.wait4]: c("pid", pid, obuf, flags(WAIT_OPTIONS), ptr),
  [Sys.copy_file_range]: c(null, file, loffp, file, loffp, len, int),
  [Sys.exit]: c(null, int),
  [Sys.exit_group]: c(null, int),
};

/** Every call the generator picks by default: the table without exit and exit_group, which would end
 *  the program at once (the executor exits when the program ends anyway). */
export const DEFAULT_CALLS: Sys[] = (Object.keys(CALLS).map(Number) as Sys[])
  .filter((nr) => nr !== Sys.exit && nr !== Sys.exit_group);
