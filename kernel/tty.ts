// The terminal: Linux's line discipline (n_tty) on the console's input ring (console.ts), its
// settings (struct termios, kernel/abi/termios.ts), its size, and its place in job control (the
// session it is the controlling terminal of, and that session's foreground process group).
//
// The line discipline runs only when a terminal is behind the console (the host says so:
// ttySetTerminal); otherwise input goes to readers as it came, a read returns what is there, and
// the console is no terminal to ioctl (ENOTTY: isatty says no, as for a pipe).
//  - input: ISTRIP, IGNCR, ICRNL, INLCR; ISIG: INTR, QUIT, SUSP flush the input (unless NOFLSH),
//    echo, and signal the foreground group (SIGINT, SIGQUIT, SIGTSTP).
//  - canonical mode (ICANON): ERASE, KILL, WERASE (IEXTEN) edit the line being typed; NL, EOL,
//    EOL2 end it; EOF ends it without a character: a line of none is end of file for one read. A
//    read returns at most one line. Lines ready are [consoleRing().head, canon); a bitmap marks line ends.
//  - non-canonical: a read waits for min(VMIN, count) bytes; VMIN = 0 returns at once (VTIME is
//    not kept: VMIN = 0 never waits, VMIN > 0 waits with no timer).
//  - echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHOCTL, ECHONL) through an echo buffer, each flush a
//    counted copy (Routine.tty_echo) into the tty buffer and out to the host's stdout.
//  - output: OPOST with ONLCR writes each NL as CR NL (console.ts consoleOut).
// Interface: ttySetTerminal(on, rows, cols), ttySetWinsize(rows, cols), ttyIntrUnanswered() (the
// host); ttyClaim(p) (a process the host starts); ttyIoctl(p, req, arg), ttyReadyBytes() (FIONREAD),
// putInt(p, va, v) (an int to the user, for ioctl.ts);
// for console.ts: ldiscInit(), ldiscReceive(c), ldiscRead(p, va, n), ldiscReadable(), ldiscRoom(),
// ldiscOnlcr(), ttyIsTerminal().
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { Routine, Place, Ev } from "./abi/trace";
import {
  TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGPGRP, TIOCSPGRP, TIOCGWINSZ, TIOCSWINSZ, TIOCSCTTY, TIOCNOTTY,
  TIOCGSID, FIONREAD, TERMIOS_SIZE, WINSIZE_SIZE, WS_ROW, WS_COL, C_IFLAG, C_OFLAG, C_CFLAG, C_LFLAG, C_CC,
  VINTR, VQUIT, VERASE, VKILL, VEOF, VMIN, VTIME, VSTART, VSTOP, VSUSP, VEOL, VREPRINT, VDISCARD, VWERASE,
  VLNEXT, VEOL2, POSIX_VDISABLE, ISTRIP, IGNCR, ICRNL, INLCR, OPOST, ONLCR, ISIG, ICANON, ECHO, ECHOE,
  ECHOK, ECHONL, NOFLSH, ECHOCTL, ECHOKE, IEXTEN, TTYDEF_IFLAG, TTYDEF_OFLAG, TTYDEF_CFLAG, TTYDEF_LFLAG,
  CINTR, CQUIT, CERASE, CKILL, CEOF, CSTART, CSTOP, CSUSP, CREPRINT, CDISCARD, CWERASE, CLNEXT, CMIN, CTIME,
  DEFAULT_ROWS, DEFAULT_COLS,
} from "./abi/termios";
import { TTY_BUF } from "./param";
import { Proc, procSlots, procAt, UNUSED, ZOMBIE } from "./proc";
import { sleepOn, wakeup } from "./sleep";
import { copyToUser, copyFromUser, countCopy } from "./copy";
import { nextSeq, traceEmit } from "./trace";
import { consoleRing, ringByte, ringPut, TTY_CHAN, consoleOut, ttyOutBuf } from "./console";
import { signalGroup, signalPending } from "./signal";
import { groupInSession } from "./session";


const NL: u8 = 0x0a;
const CR: u8 = 0x0d;
const TAB: u8 = 0x09;
const BS: u8 = 0x08;
const SPACE: u8 = 0x20;
const DEL: u8 = 0x7f;
const CTRL_BIT: u8 = 0x40;        // ^X is X ^ 0x40 (ECHOCTL)
const EOF_MARK: u8 = 0;           // an EOF in the ring: a line end that no read copies (Linux's __DISABLED_CHAR)
const ECHO_MAX: u32 = 64;         // echo buffer: flushed when full and after each input byte
const STDOUT: u32 = 1;            // echo goes to the host's stdout

// What became of the last INTR (Ctrl-C) the host typed (ttyIntrUnanswered).
const INTR_NONE: u32 = 0;
const INTR_SIGNALLED: u32 = 1;    // SIGINT went to group intrPgid
const INTR_NOBODY: u32 = 2;       // no foreground process took it
const INTR_QUEUED: u32 = 3;       // ISIG off: it is data at ring index intrPos

@unmanaged class Ldisc {
  terminal: u32;   // a terminal is behind the console: the line discipline runs
  canon: u32;      // end of the lines ready for a canonical read (Linux's canon_head)
  pgrp: u32;       // foreground process group (0: none)
  session: u32;    // the session this is the controlling terminal of (0: none)
  intr: u32;       // INTR_*
  intrPgid: u32;
  intrPos: u32;
  echoLen: u32;    // bytes in the echo buffer
}
const ld = changetype<Ldisc>(memory.data(offsetof<Ldisc>()));
const termios: usize = memory.data(TERMIOS_SIZE, 4);
const winsize: usize = memory.data(WINSIZE_SIZE, 4);
const delims: usize = memory.data(TTY_BUF / 8);       // bit i: ring index i ends a line
const echoBuf: usize = memory.data(ECHO_MAX);
const scratch: usize = memory.data(TERMIOS_SIZE, 4);  // ioctl arguments in and out

@inline function iflag(): u32 { return load<u32>(termios + C_IFLAG); }
@inline function oflag(): u32 { return load<u32>(termios + C_OFLAG); }
@inline function lflag(): u32 { return load<u32>(termios + C_LFLAG); }
@inline function cc(i: u32): u8 { return load<u8>(termios + C_CC + i); }
@inline function isCC(c: u8, i: u32): bool { return cc(i) != POSIX_VDISABLE && c == cc(i); }
@inline function canonical(): bool { return ld.terminal != 0 && (lflag() & ICANON) != 0; }

// Linux's tty_std_termios and INIT_C_CC.
function defaultTermios(): void {
  memory.fill(termios, 0, TERMIOS_SIZE);
  store<u32>(termios + C_IFLAG, TTYDEF_IFLAG);
  store<u32>(termios + C_OFLAG, TTYDEF_OFLAG);
  store<u32>(termios + C_CFLAG, TTYDEF_CFLAG);
  store<u32>(termios + C_LFLAG, TTYDEF_LFLAG);
  const ccs = termios + C_CC;
  store<u8>(ccs + VINTR, CINTR); store<u8>(ccs + VQUIT, CQUIT); store<u8>(ccs + VERASE, CERASE);
  store<u8>(ccs + VKILL, CKILL); store<u8>(ccs + VEOF, CEOF); store<u8>(ccs + VTIME, CTIME);
  store<u8>(ccs + VMIN, CMIN); store<u8>(ccs + VSTART, CSTART); store<u8>(ccs + VSTOP, CSTOP);
  store<u8>(ccs + VSUSP, CSUSP); store<u8>(ccs + VREPRINT, CREPRINT); store<u8>(ccs + VDISCARD, CDISCARD);
  store<u8>(ccs + VWERASE, CWERASE); store<u8>(ccs + VLNEXT, CLNEXT);
}

export function ldiscInit(): void {
  memory.fill(changetype<usize>(ld), 0, offsetof<Ldisc>());
  defaultTermios();
  setWinsize(DEFAULT_ROWS, DEFAULT_COLS);
  memory.fill(delims, 0, TTY_BUF / 8);
}

export function ttyIsTerminal(): bool { return ld.terminal != 0; }
export function ldiscOnlcr(): bool { return ld.terminal != 0 && (oflag() & (OPOST | ONLCR)) == (OPOST | ONLCR); }
export function ldiscRoom(): u32 { return <u32>TTY_BUF - (consoleRing().tail - consoleRing().head); }

// --- The host

// Is a terminal behind the console (the host's stdin is one), and its size.
export function ttySetTerminal(on: u32, rows: u32, cols: u32): void {
  ld.terminal = on != 0 ? 1 : 0;
  ld.canon = consoleRing().tail;
  setWinsize(rows, cols);
}

// The host's terminal changed size (SIGWINCH of the host): tell the foreground group.
export function ttySetWinsize(rows: u32, cols: u32): void {
  setWinsize(rows, cols);
  if (ld.pgrp != 0) signalGroup(ld.pgrp, Sig.SIGWINCH);
}

function setWinsize(rows: u32, cols: u32): void {
  memory.fill(winsize, 0, WINSIZE_SIZE);
  store<u16>(winsize + WS_ROW, <u16>rows);
  store<u16>(winsize + WS_COL, <u16>cols);
}

// 1 while the last Ctrl-C typed is unanswered: nobody was in the foreground group, the signal is
// still pending there, or (ISIG off) no one has read the byte yet. The host ends the machine on a
// second Ctrl-C then.
export function ttyIntrUnanswered(): i32 {
  if (ld.intr == INTR_NOBODY) return 1;
  if (ld.intr == INTR_QUEUED) return <i32>(ld.intrPos - consoleRing().head) >= 0 && <i32>(consoleRing().tail - ld.intrPos) > 0 ? 1 : 0;
  if (ld.intr != INTR_SIGNALLED) return 0;
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state != UNUSED && p.state != ZOMBIE && p.pgid == ld.intrPgid && signalPending(p)) return 1;
  }
  return 0;
}

// A process the host starts (a session leader): the console becomes its controlling terminal
// when no live session has it.
export function ttyClaim(p: Proc): void {
  if (ld.session != 0 && sessionAlive(ld.session)) return;
  ld.session = p.sid;
  ld.pgrp = p.pgid;
}

function sessionAlive(sid: u32): bool {
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state != UNUSED && p.state != ZOMBIE && p.sid == sid) return true;
  }
  return false;
}

// --- Input (n_tty_receive_char)

export function ldiscReceive(c: u8): void {
  const ifl = iflag(), lfl = lflag();
  if (ifl & ISTRIP) c &= 0x7f;
  if (c == CR) {
    if (ifl & IGNCR) return;
    if (ifl & ICRNL) c = NL;
  } else if (c == NL && (ifl & INLCR)) c = CR;
  if (c == CINTR) { ld.intr = INTR_QUEUED; ld.intrPos = consoleRing().tail; }   // the host's Ctrl-C, as data unless ISIG takes it
  if (!((lfl & ISIG) && isig(c, lfl)) && !((lfl & ICANON) && canonSpecial(c, lfl))) plain(c, lfl);
  echoFlush();
}

// A character that is data.
function plain(c: u8, lfl: u32): void {
  const canon = (lfl & ICANON) != 0;
  if (ldiscRoom() < (canon ? 2 : 1)) return;       // full: dropped (one place kept for a line end)
  if (lfl & ECHO) echoChar(c);
  put(c, false);
  if (!canon) commit();
}

function put(c: u8, delim: bool): void {
  const i = consoleRing().tail % <u32>TTY_BUF;
  ringPut(consoleRing().tail, c);
  const b = delims + (i >> 3), bit = <u8>(1 << <u8>(i & 7));
  store<u8>(b, delim ? load<u8>(b) | bit : load<u8>(b) & ~bit);
  consoleRing().tail++;
}

@inline function isDelim(i: u32): bool {
  const k = i % <u32>TTY_BUF;
  return (load<u8>(delims + (k >> 3)) & <u8>(1 << <u8>(k & 7))) != 0;
}

// The lines typed so far are ready: wake readers.
function commit(): void { ld.canon = consoleRing().tail; wakeup(TTY_CHAN); }

function flushInput(): void { consoleRing().head = consoleRing().tail; ld.canon = consoleRing().tail; }

// INTR, QUIT, SUSP: flush, echo, signal the foreground group (Linux's isig / n_tty_receive_signal_char).
function isig(c: u8, lfl: u32): bool {
  let sig: u32 = 0;
  if (isCC(c, VINTR)) sig = Sig.SIGINT;
  else if (isCC(c, VQUIT)) sig = Sig.SIGQUIT;
  else if (isCC(c, VSUSP)) sig = Sig.SIGTSTP;
  if (sig == 0) return false;
  if (!(lfl & NOFLSH)) flushInput();
  if (lfl & ECHO) echoChar(c);
  const n = signalGroup(ld.pgrp, sig);
  traceEmit(nextSeq(), Ev.ttySignal, sig, <u64>ld.pgrp, <u64>max(n, 0), 0, 0, 0, 0);
  if (sig == Sig.SIGINT) { ld.intr = n > 0 ? INTR_SIGNALLED : INTR_NOBODY; ld.intrPgid = ld.pgrp; }
  return true;
}

// ERASE, KILL, WERASE, EOF and the line ends of canonical mode.
function canonSpecial(c: u8, lfl: u32): bool {
  if (isCC(c, VERASE)) { eraseChar(lfl); return true; }
  if (isCC(c, VKILL)) { killLine(lfl); return true; }
  if (isCC(c, VWERASE) && (lfl & IEXTEN)) { eraseWord(lfl); return true; }
  if (isCC(c, VEOF)) { put(EOF_MARK, true); commit(); return true; }   // not echoed
  if (c == NL || isCC(c, VEOL) || isCC(c, VEOL2)) {
    if ((lfl & ECHO) || (c == NL && (lfl & ECHONL))) echoChar(c);
    put(c, true);
    commit();
    return true;
  }
  return false;
}

@inline function isCtl(c: u8): bool { return (c < SPACE && c != TAB && c != NL) || c == DEL; }

// Take back the last character of the line being edited; false when the line is empty.
function eraseChar(lfl: u32): bool {
  if (consoleRing().tail == ld.canon) return false;
  consoleRing().tail--;
  const c = ringByte(consoleRing().tail);
  if (!(lfl & ECHO)) return true;
  if (!(lfl & ECHOE)) { echoChar(cc(VERASE)); return true; }
  rubout();
  if (isCtl(c) && (lfl & ECHOCTL)) rubout();       // it showed as ^X: two columns
  return true;
}

function killLine(lfl: u32): void {
  const visual = (lfl & (ECHO | ECHOE | ECHOKE)) == (ECHO | ECHOE | ECHOKE);
  if (visual) { while (eraseChar(lfl)) {} return; }
  consoleRing().tail = ld.canon;
  if (!(lfl & ECHO)) return;
  echoChar(cc(VKILL));
  if (lfl & ECHOK) echoChar(NL);
}

// WERASE: the blanks before the cursor, then the word before them.
function eraseWord(lfl: u32): void {
  while (consoleRing().tail != ld.canon && isBlank(ringByte(consoleRing().tail - 1))) eraseChar(lfl);
  while (consoleRing().tail != ld.canon && !isBlank(ringByte(consoleRing().tail - 1))) eraseChar(lfl);
}
@inline function isBlank(c: u8): bool { return c == SPACE || c == TAB; }

// --- Echo

function echoByte(c: u8): void {
  if (ld.echoLen == ECHO_MAX) echoFlush();
  store<u8>(echoBuf + ld.echoLen, c);
  ld.echoLen++;
}

// A character as the terminal shows it: control characters as ^X with ECHOCTL.
function echoChar(c: u8): void {
  if (isCtl(c) && (lflag() & ECHOCTL)) { echoByte(0x5e); echoByte(c ^ CTRL_BIT); return; }   // '^'
  echoByte(c);
}

function rubout(): void { echoByte(BS); echoByte(SPACE); echoByte(BS); }

// The echo buffer into the tty buffer (a counted copy) and out to the host.
function echoFlush(): void {
  const n = ld.echoLen;
  if (n == 0) return;
  ld.echoLen = 0;
  const out = ttyOutBuf();
  memory.copy(out, echoBuf, n);
  countCopy(Routine.tty_echo, <u64>echoBuf, <u64>out, n, Place.kernel, Place.kernel);
  consoleOut(STDOUT, out, n);
}

// --- Reading

export function ldiscRead(p: Proc, va: u32, n: u32): i64 {
  if (n == 0) return 0;
  return canonical() ? canonRead(p, va, n) : rawRead(p, va, n);
}

// Non-canonical (or no terminal): wait for min(VMIN, n) bytes, return what is there up to n.
function rawRead(p: Proc, va: u32, n: u32): i64 {
  const avail = consoleRing().tail - consoleRing().head;
  const want: u32 = ld.terminal ? min(<u32>cc(VMIN), n) : 1;
  if (avail >= want || consoleRing().eof) return avail == 0 ? 0 : copyOut(p, va, min(n, avail));
  return sleepOn(p, TTY_CHAN);
}

// Canonical: at most one line; a line ended by EOF gives its bytes without it (none: end of file).
function canonRead(p: Proc, va: u32, n: u32): i64 {
  if (consoleRing().head == ld.canon) return consoleRing().eof ? 0 : sleepOn(p, TTY_CHAN);
  let end = consoleRing().head;
  while (end + 1 != ld.canon && !isDelim(end)) end++;
  const eofMark = isDelim(end) && ringByte(end) == EOF_MARK;
  const len = end + 1 - consoleRing().head - (eofMark ? 1 : 0);
  const take = min(n, len);
  if (take > 0) { const r = copyOut(p, va, take); if (r < 0) return r; }
  if (eofMark && take == len) consoleRing().head++;                  // the EOF goes with this read
  return take;
}

// `k` bytes from the ring's head to the user (two copies when they wrap).
function copyOut(p: Proc, va: u32, k: u32): i64 {
  const at = consoleRing().head % <u32>TTY_BUF;
  const first = min(k, <u32>TTY_BUF - at);
  if (copyToUser(p, va, consoleRing().buf + at, first, Routine.tty_read) < 0) return -Errno.EFAULT;
  if (k > first && copyToUser(p, va + first, consoleRing().buf, k - first, Routine.tty_read) < 0) return -Errno.EFAULT;
  consoleRing().head += k;
  return k;
}

export function ldiscReadable(): bool {
  if (consoleRing().eof) return true;
  return canonical() ? consoleRing().head != ld.canon : consoleRing().head != consoleRing().tail;
}

// FIONREAD: bytes a read could take now.
export function ttyReadyBytes(): u32 { return canonical() ? ld.canon - consoleRing().head : consoleRing().tail - consoleRing().head; }

// --- ioctl

// A terminal ioctl on the console (ioctl.ts checked it is one); ENOTTY when no terminal is behind it.
export function ttyIoctl(p: Proc, req: u32, arg: u32): i64 {
  if (!ld.terminal) return -Errno.ENOTTY;
  switch (req) {
    case TCGETS: return putUser(p, arg, termios, TERMIOS_SIZE);
    case TCSETS: case TCSETSW: case TCSETSF: return setTermios(p, arg, req == TCSETSF);
    case TIOCGWINSZ: return putUser(p, arg, winsize, WINSIZE_SIZE);
    case TIOCSWINSZ: return setWinsizeUser(p, arg);
    case TIOCGPGRP: return ctty(p) ? putInt(p, arg, ld.pgrp) : -Errno.ENOTTY;
    case TIOCSPGRP: return setForeground(p, arg);
    case TIOCGSID: return ld.session != 0 && ctty(p) ? putInt(p, arg, ld.session) : -Errno.ENOTTY;
    case TIOCSCTTY: return takeCtty(p);
    case TIOCNOTTY: return dropCtty(p);
    case FIONREAD: return putInt(p, arg, ttyReadyBytes());
  }
  return -Errno.ENOTTY;          // Linux's answer to a request a tty does not know
}

@inline function ctty(p: Proc): bool { return ld.session != 0 && p.sid == ld.session; }

function putUser(p: Proc, va: u32, src: usize, n: u32): i64 {
  return copyToUser(p, va, src, n) < 0 ? -Errno.EFAULT : 0;
}
export function putInt(p: Proc, va: u32, v: u32): i64 {
  store<u32>(scratch, v);
  return putUser(p, va, scratch, 4);
}

// TCSETS*: new settings; switching canonical mode on makes what is typed a line (Linux's push),
// off makes it all readable.
function setTermios(p: Proc, arg: u32, flush: bool): i64 {
  if (copyFromUser(p, scratch, arg, TERMIOS_SIZE) < 0) return -Errno.EFAULT;
  if (flush) flushInput();
  const wasCanon = (lflag() & ICANON) != 0;
  memory.copy(termios, scratch, TERMIOS_SIZE);
  const isCanon = (lflag() & ICANON) != 0;
  if (!wasCanon && isCanon && consoleRing().tail != consoleRing().head) {
    const last = consoleRing().tail - 1;                      // mark the last byte typed a line end
    consoleRing().tail = last;
    put(ringByte(last), true);
  }
  ld.canon = consoleRing().tail;
  wakeup(TTY_CHAN);                                  // VMIN or the mode may let a reader go on
  return 0;
}

function setWinsizeUser(p: Proc, arg: u32): i64 {
  if (copyFromUser(p, scratch, arg, WINSIZE_SIZE) < 0) return -Errno.EFAULT;
  const changed = memory.compare(scratch, winsize, WINSIZE_SIZE) != 0;
  memory.copy(winsize, scratch, WINSIZE_SIZE);
  if (changed && ld.pgrp != 0) signalGroup(ld.pgrp, Sig.SIGWINCH);
  return 0;
}

// TIOCSPGRP: a group of the caller's session becomes the foreground (tty_set_pgrp; a background
// caller is not stopped by SIGTTOU here).
function setForeground(p: Proc, arg: u32): i64 {
  if (!ctty(p)) return -Errno.ENOTTY;
  if (copyFromUser(p, scratch, arg, 4) < 0) return -Errno.EFAULT;
  const pg = load<i32>(scratch);
  if (pg < 0) return -Errno.EINVAL;
  if (!groupInSession(<u32>pg, p.sid)) return -Errno.EPERM;
  ld.pgrp = <u32>pg;
  return 0;
}

// TIOCSCTTY: a session leader without a controlling terminal takes this one, if it is free.
function takeCtty(p: Proc): i64 {
  if (ctty(p)) return 0;
  if (p.sid != p.pid || (ld.session != 0 && sessionAlive(ld.session))) return -Errno.EPERM;
  ld.session = p.sid;
  ld.pgrp = p.pgid;
  return 0;
}

// TIOCNOTTY: the caller gives up its controlling terminal; a session leader frees it for all.
function dropCtty(p: Proc): i64 {
  if (!ctty(p)) return -Errno.ENOTTY;
  if (p.sid == p.pid) { ld.session = 0; ld.pgrp = 0; }
  return 0;
}
