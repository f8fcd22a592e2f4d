// execve: the kernel checks the program and builds the new argument block; the host's loader then
// reads the program through the page cache, translates it, and replaces the process image (the old
// guest instance is dropped, the new one starts at _start). If loading fails the old image is still
// there and execve returns the error (ENOEXEC), as Linux does before the point of no return.
// Interface: sysExecve(p, path, argv, envp) (syscall), and for the host: execPending(pid) -> ino,
// execArgLen(pid), execBegin(pid) -> 0/-errno (tear down the old image), execFail(pid, errno).
import { sigExecReset } from "./signal";
import { Errno } from "./abi/errno";
import { Ev, Routine, Place } from "./abi/trace";
import { ARG_BASE, ARG_MAX, USER_TOP } from "./abi/layout";
import { NOFILE, PATH_MAX } from "./param";
import { Proc, procByPid, EMBRYO } from "./proc";
import { sleepOn, resumeWith, forgetCall } from "./sleep";
import { fetchPath } from "./sysfs";
import { namei } from "./dir";
import { iMode } from "./fs";
import { S_IFMT, S_IFREG, S_IXUGO } from "./abi/stat";
import { ROOT_INO } from "./abi/fs";
import { fetchUser, strncpyFromUser, countCopy } from "./copy";
import { stageAddr } from "./exec";
import { uvmFree } from "./exit";
import { pgdirAlloc } from "./vm";
import { fdGet, fdClear, fdCloexec, fileClose } from "./file";
import { nextSeq, traceEmit, setCause } from "./trace";

export const EXEC_CHAN: u32 = 0xffff0002;

const MAX_ARG_STRINGS: u32 = 4096;       // pointers per vector (argv, envp)
const ptrBuf: usize = memory.data(4);

// Copy a NUL-terminated user string (page by page) to stage + at; its length with the NUL, or
// -errno: EFAULT for a bad page before the NUL, E2BIG when it does not fit the block (ARG_MAX).
function fetchStr(p: Proc, va: u32, at: u32): i32 {
  const room = <u32>ARG_MAX - at;
  const n = strncpyFromUser(p, stageAddr() + at, va, room);
  if (n < 0) return -Errno.EFAULT;
  if (n >= <i64>room) return -Errno.E2BIG;
  countCopy(Routine.strncpy_from_user, <u64>va, <u64>(stageAddr() + at), <u64>n + 1, Place.user, Place.kernel);
  return <i32>n + 1;
}

// vec[i], a user pointer read through the page tables (it may cross a page); -1 if unreadable.
function userPtr(p: Proc, vec: u32, i: u32): i64 {
  const a = <u64>vec + <u64>i * 4;
  if (a + 4 > <u64>USER_TOP || fetchUser(p, ptrBuf, <u32>a, 4) != 4) return -1;
  countCopy(Routine.copy_from_user, a, <u64>ptrBuf, 4, Place.user, Place.kernel);
  return <i64>load<u32>(ptrBuf);
}

function countPtrs(p: Proc, vec: u32): i32 {
  if (vec == 0) return 0;
  for (let n: u32 = 0; n < MAX_ARG_STRINGS; n++) {
    const ptr = userPtr(p, vec, n);
    if (ptr < 0) return -Errno.EFAULT;
    if (ptr == 0) return <i32>n;
  }
  return -Errno.E2BIG;
}

// The argument block (layout.ts) for ARG_BASE, built in the staging buffer; its size or -errno.
function buildArgs(p: Proc, argv: u32, envp: u32): i32 {
  const argc = countPtrs(p, argv), envc = countPtrs(p, envp);
  if (argc < 0) return argc;
  if (envc < 0) return envc;
  const head = <u32>(4 * (argc + envc + 3));
  if (head > <u32>ARG_MAX) return -Errno.E2BIG;
  const st = stageAddr();
  memory.fill(st, 0, head);
  store<u32>(st, argc);
  let at = head;
  for (let i = 0; i < argc + envc; i++) {
    const ptr = i < argc ? userPtr(p, argv, <u32>i) : userPtr(p, envp, <u32>(i - argc));
    if (ptr < 0) return -Errno.EFAULT;
    const n = fetchStr(p, <u32>ptr, at);
    if (n < 0) return n;
    store<u32>(st + 4 + <usize>(i < argc ? i : i + 1) * 4, ARG_BASE + at);
    at += <u32>n;
  }
  return <i32>at;
}

// Linux's may_open(MAY_EXEC) for root: a regular file with an execute bit for someone.
function execPermitted(ino: u32): bool {
  const mode = <u32>iMode(ino);
  return (mode & S_IFMT) == S_IFREG && (mode & S_IXUGO) != 0;
}

export function sysExecve(p: Proc, path: u32, argv: u32, envp: u32): i64 {
  const pathBuf = memory.data(PATH_MAX);   // execve's own, apart from every other syscall's path
  const len = fetchPath(p, path, pathBuf);
  if (len < 0) return len;
  const ino = namei(p.cwd != 0 ? p.cwd : ROOT_INO, pathBuf, len);
  if (ino < 0) return ino;
  if (!execPermitted(<u32>ino)) return -Errno.EACCES;
  const n = buildArgs(p, argv, envp);
  if (n < 0) return n;
  p.execIno = <u32>ino; p.execLen = <u32>n;
  return sleepOn(p, EXEC_CHAN);                // the host loads the program: execBegin or execFail
}

export function execPending(pid: u32): u32 { const p = procByPid(pid); return p ? p.execIno : 0; }
export function execArgLen(pid: u32): u32 { const p = procByPid(pid); return p ? p.execLen : 0; }

// Past the point of no return: execve "returns" 0 in the trace, the old image and close-on-exec
// files go, and the process is an EMBRYO again for the loader.
export function execBegin(pid: u32): i32 {
  const p = procByPid(pid);
  if (!p || p.execIno == 0) return -Errno.ESRCH;
  setCause(p.sysSeq);
  traceEmit(nextSeq(), Ev.sysExit, 221, 0, 0, 0, 0, 0, 0);
  setCause(0);
  for (let fd = 0; fd < NOFILE; fd++) {
    const f = fdGet(p, fd);
    if (f >= 0 && fdCloexec(p, fd)) { fdClear(p, fd); fileClose(f); }
  }
  uvmFree(p);
  p.pgdir = pgdirAlloc();
  if (p.pgdir == 0) return -Errno.ENOMEM;
  p.brk = 0; p.brkMin = 0; p.brkMax = 0;
  p.execIno = 0; forgetCall(p);
  sigExecReset(p);                             // handlers back to SIG_DFL
  p.execed = 1;                                // setpgid from its parent: EACCES now
  p.state = EMBRYO;
  return 0;
}

// Loading failed before execBegin: the old image resumes with execve returning -err.
export function execFail(pid: u32, err: i32): void {
  const p = procByPid(pid);
  if (!p) return;
  p.execIno = 0;
  resumeWith(p, -err);
}
