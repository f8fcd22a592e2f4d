// Test guest: ttyread MODE COUNT: set the terminal's mode, say "ready" on stderr, then make COUNT
// reads of fd 0 (64 bytes each) and report each on stderr as `read N "bytes"` (bytes below 0x20
// and 0x7f as \xNN), so the test sees what the guest read apart from what the terminal echoed
// (stdout). MODE: canon (as it is), raw (ICANON and ECHO off, VMIN 1), vmin0 (ICANON off, VMIN 0),
// noecho (ECHO off), nosig (ISIG off).
import {
  read, eprint, exit_group, arg, argInt, tcgetattr, tcsetattr, TCSETS, TERMIOS_SIZE, C_LFLAG, C_CC, VMIN,
  ICANON, ECHO, ISIG, errnoName,
} from "../../guests/sdk";

const t = memory.data(TERMIOS_SIZE);
const buf = memory.data(64);
const HEX = "0123456789abcdef";

function setMode(mode: string): void {
  if (mode == "canon") return;
  const g = tcgetattr(0, t);
  if (g < 0) { eprint("tcgetattr: " + errnoName(<i32>-g) + "\n"); exit_group(1); }
  let l = load<u32>(t + C_LFLAG);
  if (mode == "raw") { l &= ~(ICANON | ECHO); store<u8>(t + C_CC + VMIN, 1); }
  if (mode == "vmin0") { l &= ~ICANON; store<u8>(t + C_CC + VMIN, 0); }
  if (mode == "noecho") l &= ~ECHO;
  if (mode == "nosig") l &= ~ISIG;
  store<u32>(t + C_LFLAG, l);
  tcsetattr(0, TCSETS, t);
}

function shown(n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u8>(buf + i);
    s += c < 0x20 || c == 0x7f ? "\\x" + HEX.charAt(c >> 4) + HEX.charAt(c & 15) : String.fromCharCode(c);
  }
  return s;
}

setMode(arg(1, "canon"));
eprint("ready\n");
const count = <i32>argInt(2, 1);
for (let i = 0; i < count; i++) {
  const r = read(0, buf, 64);
  eprint(r < 0 ? "read " + errnoName(<i32>-r) + "\n" : "read " + r.toString() + " \"" + shown(<i32>r) + "\"\n");
}
exit_group(0);
