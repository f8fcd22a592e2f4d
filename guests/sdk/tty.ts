// Terminals and process groups: isatty, the terminal's foreground process group, setpgid.
// Each returns the raw result or -errno (-ENOSYS / -ENOTTY on a kernel without them).
//
// Interface:
//   setpgid(pid, pgid) getpgid(pid)      process groups (0 means the caller)
//   isatty(fd) -> bool                   TCGETS succeeds on fd; tcgets(fd): its raw result
//   tcgetpgrp(fd) tcsetpgrp(fd, pgid)    TIOCGPGRP / TIOCSPGRP
// The ioctl request numbers are Linux's (asm-generic/ioctls.h); when kernel/abi/termios.ts defines
// them (helper tty's branch), import them from there instead.
import { Sys } from "../../kernel/abi/syscalls";
import { syscall1, syscall2 } from "./syscall";
import { ioctl } from "./file";

const TCGETS: u32 = 0x5401;                 // get struct termios
const TIOCGPGRP: u32 = 0x540f;              // get the foreground process group
const TIOCSPGRP: u32 = 0x5410;              // set the foreground process group
const TERMIOS_SPACE = 64;                   // room for struct termios (60 bytes on Linux)
const buf = memory.data(TERMIOS_SPACE, 8);

export function setpgid(pid: i32, pgid: i32): i64 { return syscall2(Sys.setpgid, pid, pgid); }
export function getpgid(pid: i32): i64 { return syscall1(Sys.getpgid, pid); }

export function isatty(fd: i32): bool { return tcgets(fd) == 0; }

/** TCGETS's raw result: 0 on a terminal, -ENOTTY otherwise. */
export function tcgets(fd: i32): i64 { return ioctl(fd, TCGETS, buf); }

export function tcgetpgrp(fd: i32): i64 {
  const r = ioctl(fd, TIOCGPGRP, buf);
  return r < 0 ? r : <i64>load<i32>(buf);
}

export function tcsetpgrp(fd: i32, pgid: i32): i64 {
  store<i32>(buf, pgid);
  return ioctl(fd, TIOCSPGRP, buf);
}
