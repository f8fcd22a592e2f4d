// Syscall signatures: for each number in Sys, how strace shows its arguments and result.
// Interface: SIGNATURES (by Sys), signatureOf(nr) -> Signature (unknown numbers: six hex arguments;
// WASI functions: wasi.ts), sysName(nr) -> "read" | "fd_write" | "syscall_0x1f3".
import { Sys, WASI_BASE } from "../../kernel/abi/syscalls";
import type { Wasi } from "../../kernel/abi/wasi";
import { WASI_TRACE, isWasiNr } from "./wasi";
import {
  type ArgSpec, type ArgCtx, fd, dirfd, int, uint, size, off, hexoff, raw, ptr, mode, sig, flags, named,
  path, ibuf, obuf, ostr, timespec, otimespec, ofds, iiov, oiov, ostatus, outsname, isockaddr, osockaddr,
  ointp, iintp, loffp, argv, envp, pollfds, pollText, sigName, i32, u32, hex, okCount, iepollEvent, oepollEvents,
} from "./args";
import {
  OPEN_FLAGS, FD_FLAGS, PROT, MAP, MREMAP, MS, MCL, SPLICE_F, AT_FLAGS, ACCESS_MODE, WAIT_OPTIONS, MSG_FLAGS,
  SOCK_TYPE, CLONE_FLAGS, ITIMERS, CLOCKS, SEEK, FCNTL_CMD, MADV, FADV, AF, SHUT, SOL, SO, TCP_OPT, FALLOC, GRND, EPOLL_CREATE,
  EPOLL_CTL, enumText,
  flagsText, LEASE_TYPE,
} from "./flags";
import { isigset, osigset, isigaction, osigaction, sigHow, iitimerval, oitimerval } from "./sigargs";
import { UTIME_NOW, UTIME_OMIT } from "../../kernel/abi/stat";
import { O_CREAT, O_TMPFILE, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETOWN, F_GETPIPE_SZ, F_GETSIG, F_SETSIG, F_GETLEASE, F_SETLEASE,
  FD_CLOEXEC } from "../../kernel/abi/fcntl";
import { SOL_SOCKET, SOL_TCP } from "../../kernel/abi/socket";
import { NIOCGINFO, NIOCREGIF, NIOCTXSYNC, NIOCRXSYNC } from "../../kernel/abi/netmap";
import { CSIGNAL, CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID } from "../../kernel/abi/wait";

export interface Signature {
  args: ArgSpec[];
  ret?: "hex" | "octal";                             // an address (mmap, brk), a mode (umask); default decimal
  retNote?: (c: ArgCtx) => string | null;            // text after a successful result: " (flags O_RDWR)"
  wasi?: boolean;                                    // a WASI call (wasi.ts): the result is a WASI errno
}

// ioctl's request: netmap's by name (NIOCREGIF...), any other as the raw number.
const IOCTL_NAMES: [string, number][] = [["NIOCGINFO", NIOCGINFO], ["NIOCREGIF", NIOCREGIF], ["NIOCTXSYNC", NIOCTXSYNC], ["NIOCRXSYNC", NIOCRXSYNC]];
const ioctlReq: ArgSpec = {
  render: (c, v) => IOCTL_NAMES.find(([, x]) => x === u32(v))?.[0] ?? raw.render(c, v),
};

// openat's mode is shown only when the flags create a file.
const openMode = (k: number): ArgSpec => ({
  render: (c, v) => (u32(c.args[k]) & O_CREAT || (u32(c.args[k]) & O_TMPFILE) === O_TMPFILE ? mode.render(c, v) : null),
});

// fcntl's third argument depends on the command.
const fcntlArg: ArgSpec = {
  render: (c, v) => {
    const cmd = i32(c.args[1]);
    if (cmd === F_GETFD || cmd === F_GETFL || cmd === F_GETOWN || cmd === F_GETPIPE_SZ || cmd === F_GETSIG || cmd === F_GETLEASE) return null;
    if (cmd === F_SETLEASE) return enumText(LEASE_TYPE, i32(v));
    if (cmd === F_SETSIG) return i32(v) === 0 ? "0" : sigName(i32(v));
    if (cmd === F_SETFD) return u32(v) === FD_CLOEXEC ? "FD_CLOEXEC" : String(u32(v));
    if (cmd === F_SETFL) return flagsText(FD_FLAGS, u32(v));
    return String(i32(v));
  },
};
const fcntlNote = (c: ArgCtx): string | null => {
  const cmd = i32(c.args[1]), r = Number(c.ret);
  if (cmd === F_GETFD) return ` (flags ${r & FD_CLOEXEC ? "FD_CLOEXEC" : "0"})`;
  if (cmd === F_GETFL) return ` (flags ${flagsText(OPEN_FLAGS, r)})`;
  if (cmd === F_GETLEASE && r >= 0) return ` (${enumText(LEASE_TYPE, r)})`;
  if (cmd === F_GETSIG && r > 0) return ` (${sigName(r)})`;
  return null;
};

// setsockopt/getsockopt: the option's name depends on the level.
const optName: ArgSpec = {
  render: (c, v) => {
    const level = i32(c.args[1]);
    return level === SOL_SOCKET ? enumText(SO, i32(v)) : level === SOL_TCP ? enumText(TCP_OPT, i32(v)) : String(i32(v));
  },
};
// getsockopt's value: an int when its length (pointer in argument 4) says 4.
const oOptval: ArgSpec = {
  out: true,
  render: (c, v) => {
    const len = okCount(c.ret) !== null ? c.mem.u32(u32(c.args[4])) : null;
    const n = len === 4 ? c.mem.i32(u32(v)) : null;
    return n === null ? (u32(v) ? hex(u32(v)) : "NULL") : `[${n}]`;
  },
};

// clone(flags, stack, parent_tid, tls, child_tid), shown strace's way: child_stack=..., flags=...
const CLONE_CHILD_SETTID_OR_CLEAR = CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
const cloneFlags = (v: number) => {
  const names = CLONE_FLAGS.filter(([, b]) => v & b).map(([n]) => n);
  const exitSig = v & CSIGNAL;
  if (exitSig) names.push(sigName(exitSig));
  return names.length ? names.join("|") : "0";
};
const cloneArgs: ArgSpec[] = [
  { render: (c) => `child_stack=${ptr.render(c, c.args[1])}` },
  { render: (c) => `flags=${cloneFlags(u32(c.args[0]))}` },
  { render: (c) => (u32(c.args[0]) & CLONE_PARENT_SETTID ? `parent_tid=${ptr.render(c, c.args[2])}` : null) },
  { render: (c) => (u32(c.args[0]) & CLONE_SETTLS ? `tls=${ptr.render(c, c.args[3])}` : null) },
  { render: (c) => (u32(c.args[0]) & CLONE_CHILD_SETTID_OR_CLEAR ? `child_tidptr=${ptr.render(c, c.args[4])}` : null) },
];

// ppoll's result lists the descriptors that became ready.
const pollNote = (c: ArgCtx): string | null => {
  const n = okCount(c.ret);
  if (!n) return n === 0 ? " (Timeout)" : null;
  const t = pollText(c, u32(c.args[0]), u32(c.args[1]), true);
  return t ? ` (${t})` : null;
};

// utimensat's times: NULL (both now) or two timespecs, tv_nsec UTIME_NOW / UTIME_OMIT by name.
const utimes: ArgSpec = {
  render: (c, v) => {
    const va = u32(v);
    if (va === 0) return "NULL";
    const one = (at: number) => {
      const s = c.mem.i64(at), ns = c.mem.i64(at + 8);
      if (s === null || ns === null) return null;
      const n = Number(ns);
      return n === UTIME_NOW ? "UTIME_NOW" : n === UTIME_OMIT ? "UTIME_OMIT" : `{tv_sec=${s}, tv_nsec=${ns}}`;
    };
    const a = one(va), m = one(va + 16);
    return a === null || m === null ? ptr.render(c, v) : `[${a}, ${m}]`;
  },
};

const none: ArgSpec[] = [];

export const SIGNATURES: Partial<Record<Sys, Signature>> = {
  [Sys.getcwd]: { args: [ostr, size] },
  [Sys.epoll_create1]: { args: [flags(EPOLL_CREATE)] },
  [Sys.epoll_ctl]: { args: [fd, named(EPOLL_CTL), fd, iepollEvent] },
  [Sys.epoll_pwait]: { args: [fd, oepollEvents, int, int, ptr, size] },
  [Sys.dup]: { args: [fd] },
  [Sys.dup3]: { args: [fd, fd, flags(FD_FLAGS)] },
  [Sys.fcntl]: { args: [fd, named(FCNTL_CMD), fcntlArg], retNote: fcntlNote },
  [Sys.ioctl]: { args: [fd, ioctlReq, ptr] },
  [Sys.mkdirat]: { args: [dirfd, path, mode] },
  [Sys.fchmod]: { args: [fd, mode] },
  [Sys.fchmodat]: { args: [dirfd, path, mode] },
  [Sys.umask]: { args: [mode], ret: "octal" },
  [Sys.unlinkat]: { args: [dirfd, path, flags(AT_FLAGS)] },
  [Sys.symlinkat]: { args: [path, dirfd, path] },
  [Sys.linkat]: { args: [dirfd, path, dirfd, path, flags(AT_FLAGS)] },
  [Sys.renameat]: { args: [dirfd, path, dirfd, path] },
  [Sys.ftruncate]: { args: [fd, off] },
  [Sys.fallocate]: { args: [fd, flags(FALLOC), off, off] },
  [Sys.faccessat]: { args: [dirfd, path, flags(ACCESS_MODE)] },
  [Sys.chdir]: { args: [path] },
  [Sys.openat]: { args: [dirfd, path, flags(OPEN_FLAGS), openMode(2)] },
  [Sys.close]: { args: [fd] },
  [Sys.pipe2]: { args: [ofds, flags(FD_FLAGS)] },
  [Sys.getdents64]: { args: [fd, ptr, size] },
  [Sys.lseek]: { args: [fd, off, named(SEEK)] },
  [Sys.read]: { args: [fd, obuf(2), size] },
  [Sys.write]: { args: [fd, ibuf(2), size] },
  [Sys.readv]: { args: [fd, oiov(2), int] },
  [Sys.writev]: { args: [fd, iiov(2), int] },
  [Sys.pread64]: { args: [fd, obuf(2), size, off] },
  [Sys.pwrite64]: { args: [fd, ibuf(2), size, off] },
  [Sys.sendfile]: { args: [fd, fd, loffp, size] },
  [Sys.pselect6]: { args: [int, ptr, ptr, ptr, timespec, ptr] },
  [Sys.ppoll]: { args: [pollfds(1), uint, timespec, isigset, size], retNote: pollNote },
  [Sys.vmsplice]: { args: [fd, iiov(2), uint, flags(SPLICE_F)] },
  [Sys.splice]: { args: [fd, loffp, fd, loffp, size, flags(SPLICE_F)] },
  [Sys.tee]: { args: [fd, fd, size, flags(SPLICE_F)] },
  [Sys.readlinkat]: { args: [dirfd, path, obuf(3), size] },
  [Sys.newfstatat]: { args: [dirfd, path, { ...ptr, out: true }, flags(AT_FLAGS)] },
  [Sys.fstat]: { args: [fd, { ...ptr, out: true }] },
  [Sys.sync]: { args: none },
  [Sys.fsync]: { args: [fd] },
  [Sys.fdatasync]: { args: [fd] },
  [Sys.utimensat]: { args: [dirfd, path, utimes, flags(AT_FLAGS)] },
  [Sys.exit]: { args: [int] },
  [Sys.exit_group]: { args: [int] },
  [Sys.nanosleep]: { args: [timespec, ptr] },
  [Sys.clock_gettime]: { args: [named(CLOCKS), otimespec] },
  [Sys.clock_getres]: { args: [named(CLOCKS), otimespec] },
  [Sys.sched_yield]: { args: none },
  [Sys.kill]: { args: [int, sig] },
  [Sys.tkill]: { args: [int, sig] },
  [Sys.tgkill]: { args: [int, int, sig] },
  [Sys.rt_sigsuspend]: { args: [isigset, size] },
  [Sys.rt_sigaction]: { args: [sig, isigaction, osigaction, size] },
  [Sys.rt_sigprocmask]: { args: [sigHow, isigset, osigset, size] },
  [Sys.rt_sigpending]: { args: [osigset, size] },
  [Sys.getitimer]: { args: [named(ITIMERS), oitimerval] },
  [Sys.setitimer]: { args: [named(ITIMERS), iitimerval, oitimerval] },
  [Sys.prlimit64]: { args: [int, int, ptr, { ...ptr, out: true }] },
  [Sys.setpgid]: { args: [int, int] },
  [Sys.getpgid]: { args: [int] },
  [Sys.getsid]: { args: [int] },
  [Sys.setsid]: { args: none },
  [Sys.uname]: { args: [outsname] },
  [Sys.getrlimit]: { args: [int, { ...ptr, out: true }] },
  [Sys.setrlimit]: { args: [int, ptr] },
  [Sys.getpid]: { args: none },
  [Sys.getppid]: { args: none },
  [Sys.socket]: { args: [named(AF), flags(SOCK_TYPE), int] },
  [Sys.socketpair]: { args: [named(AF), flags(SOCK_TYPE), int, ofds] },
  [Sys.bind]: { args: [fd, isockaddr(2), uint] },
  [Sys.listen]: { args: [fd, int] },
  [Sys.accept]: { args: [fd, osockaddr(2), ointp] },
  [Sys.connect]: { args: [fd, isockaddr(2), uint] },
  [Sys.getsockname]: { args: [fd, osockaddr(2), ointp] },
  [Sys.getpeername]: { args: [fd, osockaddr(2), ointp] },
  [Sys.sendto]: { args: [fd, ibuf(2), size, flags(MSG_FLAGS), isockaddr(5), uint] },
  [Sys.recvfrom]: { args: [fd, obuf(2), size, flags(MSG_FLAGS), osockaddr(5), ointp] },
  [Sys.setsockopt]: { args: [fd, named(SOL), optName, iintp(4), uint] },
  [Sys.getsockopt]: { args: [fd, named(SOL), optName, oOptval, ointp] },
  [Sys.shutdown]: { args: [fd, named(SHUT)] },
  [Sys.sendmsg]: { args: [fd, ptr, flags(MSG_FLAGS)] },
  [Sys.recvmsg]: { args: [fd, ptr, flags(MSG_FLAGS)] },
  [Sys.brk]: { args: [ptr], ret: "hex" },
  [Sys.munmap]: { args: [ptr, size] },
  [Sys.mremap]: { args: [ptr, size, size, flags(MREMAP), ptr], ret: "hex" },
  [Sys.clone]: { args: cloneArgs },
  [Sys.execve]: { args: [path, argv, envp] },
  [Sys.mmap]: { args: [ptr, size, flags(PROT), flags(MAP), fd, hexoff], ret: "hex" },
  [Sys.fadvise64]: { args: [fd, off, off, named(FADV)] },
  [Sys.mprotect]: { args: [ptr, size, flags(PROT)] },
  [Sys.msync]: { args: [ptr, size, flags(MS)] },
  [Sys.mlock]: { args: [ptr, size] },
  [Sys.munlock]: { args: [ptr, size] },
  [Sys.mlockall]: { args: [flags(MCL)] },
  [Sys.munlockall]: { args: [] },
  [Sys.mincore]: { args: [ptr, size, ptr] },
  [Sys.madvise]: { args: [ptr, size, named(MADV)] },
  [Sys.wait4]: { args: [int, ostatus, flags(WAIT_OPTIONS), ptr] },
  [Sys.getrandom]: { args: [obuf(1), size, flags(GRND)] },
  [Sys.copy_file_range]: { args: [fd, loffp, fd, loffp, size, uint] },
  [Sys.epoll_pwait2]: { args: [fd, oepollEvents, int, timespec, ptr, size] },
};

const UNKNOWN: Signature = { args: [raw, raw, raw, raw, raw, raw] };

export function signatureOf(nr: number): Signature {
  if (isWasiNr(nr)) return WASI_TRACE[(nr - WASI_BASE) as Wasi];
  return SIGNATURES[nr as Sys] ?? UNKNOWN;
}

/** A Linux call's name, a WASI function's (numbered from WASI_BASE), or syscall_0x1f3. */
export { sysName } from "./sysname";
