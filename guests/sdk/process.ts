// Processes: identity, creation, exec, exit, wait, signals, yielding and uname. Each returns
// the raw result or -errno; exit and exit_group do not return.
//
// Interface:
//   exit(status) exit_group(status)          end the thread / the whole process
//   getpid getppid sched_yield kill uname
//   clone(flags, ...) fork()                 fork() is clone(SIGCHLD): returns 0 in the child
//   execve(path, argv, envp)                 raw pointers to NUL-terminated string arrays
//   execv(path, args, env)                   the same from AssemblyScript strings
//   wait4(pid, wstatus, options, rusage) waitpid(pid, wstatus, options)   (W* in uapi/wait.ts)

import { Sys } from "../../kernel/abi/syscalls";
import { Sig } from "../../kernel/abi/signals";
import { syscall0, syscall1, syscall2, syscall3, syscall4, syscall5 } from "./syscall";
import { cstr } from "./cstring";

/** End the calling thread (with one thread per process: the process). */
export function exit(status: i32): void {
  syscall1(Sys.exit, status);
  unreachable();
}

/** End every thread of the process. */
export function exit_group(status: i32): void {
  syscall1(Sys.exit_group, status);
  unreachable();
}

export function getpid(): i64 {
  return syscall0(Sys.getpid);
}

export function getppid(): i64 {
  return syscall0(Sys.getppid);
}

export function sched_yield(): i64 {
  return syscall0(Sys.sched_yield);
}

/** Send signal sig (enum Sig) to process pid. */
export function kill(pid: i32, sig: i32): i64 {
  return syscall2(Sys.kill, pid, sig);
}

/** buf receives a utsname record (uapi/utsname.ts). */
export function uname(buf: usize): i64 {
  return syscall1(Sys.uname, buf);
}

/** Raw clone, in the arm64/riscv64 argument order (flags, newsp, parent_tid, tls, child_tid). */
export function clone(flags: i32, newsp: usize = 0, parentTid: usize = 0, tls: usize = 0, childTid: usize = 0): i64 {
  return syscall5(Sys.clone, flags, newsp, parentTid, tls, childTid);
}

/** A copy of this process: returns the child's pid in the parent, 0 in the child. */
export function fork(): i64 {
  return clone(Sig.SIGCHLD);
}

/** argv and envp point at NULL-terminated arrays of u32 string pointers. */
export function execve(path: usize, argv: usize, envp: usize): i64 {
  return syscall3(Sys.execve, path, argv, envp);
}

/** Replace this program by path with arguments args and environment env; returns only on error. */
export function execv(path: string, args: string[], env: string[] = []): i64 {
  const keep = new Array<ArrayBuffer>();           // holds the strings alive across the call
  const p = cstr(path);
  const argv = pointerArray(args, keep);
  const envp = pointerArray(env, keep);
  return execve(changetype<usize>(p), changetype<usize>(argv), changetype<usize>(envp));
}

/** A NULL-terminated u32 array of C-string pointers for strs; the strings are pushed to keep. */
function pointerArray(strs: string[], keep: ArrayBuffer[]): StaticArray<u32> {
  const a = new StaticArray<u32>(strs.length + 1);
  for (let i = 0; i < strs.length; i++) {
    const s = cstr(strs[i]);
    keep.push(s);
    a[i] = <u32>changetype<usize>(s);
  }
  return a;
}

/** wstatus (0 or a pointer to an i32) receives the wait status; rusage is unsupported: pass 0. */
export function wait4(pid: i32, wstatus: usize, options: i32, rusage: usize = 0): i64 {
  return syscall4(Sys.wait4, pid, wstatus, options, rusage);
}

export function waitpid(pid: i32, wstatus: usize, options: i32 = 0): i64 {
  return wait4(pid, wstatus, options, 0);
}
