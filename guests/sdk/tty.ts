// Terminals and job control: the termios ioctls and the process-group calls. Each returns the
// raw result or -errno.
//
// Interface:
//   isatty(fd) -> bool                      TCGETS succeeds (the console, when a terminal is behind it)
//   tcgetattr(fd, t) tcsetattr(fd, req, t)  t: TERMIOS_SIZE bytes (uapi/termios.ts); req TCSETS...
//   tcgetpgrp(fd) tcsetpgrp(fd, pgid)        the terminal's foreground process group
//   setpgid(pid, pgid) getpgid(pid) setsid() getsid(pid)
import { Sys } from "../../kernel/abi/syscalls";
import { TCGETS, TIOCGPGRP, TIOCSPGRP, TERMIOS_SIZE } from "../../kernel/abi/termios";
import { syscall0, syscall1, syscall2, syscall3 } from "./syscall";

const scratch = memory.data(TERMIOS_SIZE);
const pgrpBuf = memory.data(4);

export function isatty(fd: i32): bool { return tcgetattr(fd, scratch) == 0; }

export function tcgetattr(fd: i32, t: usize): i64 { return syscall3(Sys.ioctl, fd, TCGETS, t); }
export function tcsetattr(fd: i32, req: u32, t: usize): i64 { return syscall3(Sys.ioctl, fd, req, t); }

export function tcgetpgrp(fd: i32): i64 {
  const r = syscall3(Sys.ioctl, fd, TIOCGPGRP, pgrpBuf);
  return r < 0 ? r : <i64>load<i32>(pgrpBuf);
}

export function tcsetpgrp(fd: i32, pgid: i32): i64 {
  store<i32>(pgrpBuf, pgid);
  return syscall3(Sys.ioctl, fd, TIOCSPGRP, pgrpBuf);
}

export function setpgid(pid: i32, pgid: i32): i64 { return syscall2(Sys.setpgid, pid, pgid); }
export function getpgid(pid: i32): i64 { return syscall1(Sys.getpgid, pid); }
export function setsid(): i64 { return syscall0(Sys.setsid); }
export function getsid(pid: i32): i64 { return syscall1(Sys.getsid, pid); }
