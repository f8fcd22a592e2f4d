// Test guest: ttyctl: the terminal ioctls, one fact per line on stdout: isatty of the console's fds,
// of a pipe and of a file; TCGETS's record (hex words and c_cc); a TCSETS round trip; TIOCGWINSZ,
// TIOCSWINSZ; TIOCGPGRP against getpgid; FIONREAD on a pipe and on the console after "abc\r" was
// typed (ppoll waits for that line: the test types it after "type now").
import {
  print, exit_group, errnoName, ioctl, pipe2, write, open, close, getpid, getpgid, getsid, isatty, tcgetattr,
  tcsetattr, tcgetpgrp, TCSETS, TCGETS, TIOCGWINSZ, TIOCSWINSZ, FIONREAD, TERMIOS_SIZE, WINSIZE_SIZE, WS_ROW, WS_COL,
  C_IFLAG, C_OFLAG, C_CFLAG, C_LFLAG, C_CC, NCCS, VMIN, ECHO, O_RDONLY, ppoll, POLLIN,
} from "../../guests/sdk";

const t = memory.data(TERMIOS_SIZE);
const t2 = memory.data(TERMIOS_SIZE);
const ws = memory.data(WINSIZE_SIZE);
const fds = memory.data(8);
const n = memory.data(4);
const pfd = memory.data(8);

function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : "ok"; }
function hex(v: u32): string { return "0x" + v.toString(16); }

print("isatty 0 1 2: " + isatty(0).toString() + " " + isatty(1).toString() + " " + isatty(2).toString() + "\n");
pipe2(fds, 0);
const rd = load<i32>(fds), wr = load<i32>(fds + 4);
print("TCGETS on a pipe: " + res(ioctl(rd, TCGETS, t)) + "\n");
const file = <i32>open("/bin/sh", O_RDONLY, 0);
print("TCGETS on a file: " + res(ioctl(file, TCGETS, t)) + "\n");
print("TCGETS on a bad fd: " + res(ioctl(77, TCGETS, t)) + "\n");
print("TCGETS: " + res(tcgetattr(0, t)) + " iflag " + hex(load<u32>(t + C_IFLAG)) + " oflag " + hex(load<u32>(t + C_OFLAG)) +
  " cflag " + hex(load<u32>(t + C_CFLAG)) + " lflag " + hex(load<u32>(t + C_LFLAG)) + "\n");
let cc = "";
for (let i: u32 = 0; i < NCCS; i++) cc += load<u8>(t + C_CC + i).toString() + " ";
print("c_cc: " + cc.trimEnd() + "\n");
store<u32>(t + C_LFLAG, load<u32>(t + C_LFLAG) & ~ECHO);
store<u8>(t + C_CC + VMIN, 5);
print("TCSETS: " + res(tcsetattr(0, TCSETS, t)) + "\n");
tcgetattr(0, t2);
print("round trip: " + (memory.compare(t, t2, TERMIOS_SIZE) == 0 ? "same" : "differs") + "\n");
print("TIOCGWINSZ: " + res(ioctl(1, TIOCGWINSZ, ws)) + " " + load<u16>(ws + WS_ROW).toString() + "x" + load<u16>(ws + WS_COL).toString() + "\n");
store<u16>(ws + WS_ROW, 50); store<u16>(ws + WS_COL, 132);
ioctl(1, TIOCSWINSZ, ws);
store<u32>(ws, 0);
ioctl(2, TIOCGWINSZ, ws);
print("after TIOCSWINSZ: " + load<u16>(ws + WS_ROW).toString() + "x" + load<u16>(ws + WS_COL).toString() + "\n");
const me = getpid();
print("pgrp is mine: " + (tcgetpgrp(0) == getpgid(0) && getpgid(0) == me).toString() + ", sid is mine: " + (getsid(0) == me).toString() + "\n");
write(wr, fds, 5);
print("FIONREAD pipe: " + res(ioctl(rd, FIONREAD, n)) + " " + load<i32>(n).toString() + "\n");
ioctl(0, FIONREAD, n);
print("FIONREAD console before: " + load<i32>(n).toString() + "\n");
print("type now\n");
store<i32>(pfd, 0); store<i16>(pfd + 4, POLLIN);          // struct pollfd { fd, events, revents }
ppoll(pfd, 1, 0);                                           // until the line is ready
ioctl(0, FIONREAD, n);
print("FIONREAD console after typing: " + load<i32>(n).toString() + "\n");
close(file);
exit_group(0);
