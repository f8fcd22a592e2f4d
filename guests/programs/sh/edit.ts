// The line editor: an interactive shell at a terminal reads each command line through it. While
// it reads, the terminal is non-canonical (VMIN 1) without echo, signals or IEXTEN, and the shell
// echoes and edits the line itself; the terminal's own settings are put back before the line is
// returned, so the commands it runs find the terminal as it was (canonical mode, echo, ^C).
// Keys, as readline's emacs mode has them:
//   characters (UTF-8 too) insert at the cursor      Enter (CR or NL) returns the line
//   Left Right ^B ^F  move by a character            Home End ^A ^E  to the start, the end
//   ERASE (DEL) ^H  delete before the cursor         Delete  delete at the cursor
//   EOF (^D)  end of input on an empty line, else delete at the cursor
//   KILL (^U) delete to the start   ^K to the end    WERASE (^W)  the word before the cursor
//   Up Down ^P ^N  walk the history (history.ts)     ^L  clear the screen
//   INTR (^C)  abandon the line: "^C", $? = 130, a new prompt (as dash)
// ERASE, KILL, WERASE, EOF and INTR are the terminal's c_cc characters. Output goes to stderr,
// where the prompt is; a change inside the line redraws it: CR, the prompt's last line, the text,
// erase to the end of the screen line, the cursor moved back. One column per character; a line
// wider than the terminal is not redrawn well.
//
// Interface: editLine(fd, prompt) -> the line with its newline, "" when abandoned, null at end
// of input; a non-blank line goes into the history.
import { read, eprint, tcgetattr, tcsetattr, Errno, Sig, TCSETS, TERMIOS_SIZE, C_LFLAG, C_CC, VMIN, VTIME,
  VINTR, VERASE, VKILL, VEOF, VWERASE, POSIX_VDISABLE, ICANON, ECHO, ISIG, IEXTEN } from "../../sdk";
import { sh } from "./vars";
import { readLineFd } from "./lex";
import { addHistory, historyLength, historyAt } from "./history";

const saved = memory.data(TERMIOS_SIZE);
const raw = memory.data(TERMIOS_SIZE);
const byte = memory.data(1);

const CTRL_A = 0x01, CTRL_B = 0x02, CTRL_E = 0x05, CTRL_F = 0x06, CTRL_H = 0x08, CTRL_K = 0x0b;
const CTRL_L = 0x0c, CTRL_N = 0x0e, CTRL_P = 0x10, NL = 0x0a, CR = 0x0d, ESC = 0x1b, DEL = 0x7f;
const SPACE = 0x20, TAB = 0x09, CSI = 0x5b, SS3 = 0x4f;     // ESC [ and ESC O start a key's sequence
const CLEAR_EOL = "\x1b[K";
const CLEAR_SCREEN = "\x1b[H\x1b[2J";
const INTERRUPTED = 128 + <i32>Sig.SIGINT;
const END_OF_INPUT = -1;

/** The next byte of fd (-1 at the end); interrupted reads are retried (traps run after the line). */
function readByte(fd: i32): i32 {
  let r = read(fd, byte, 1);
  while (r == -Errno.EINTR) r = read(fd, byte, 1);
  return r == 1 ? <i32>load<u8>(byte) : END_OF_INPUT;
}

/** A character whose first byte is b: its UTF-8 continuation bytes read from fd. */
function readChar(fd: i32, b: i32): i32 {
  const more = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
  let c = more == 3 ? b & 0x07 : more == 2 ? b & 0x0f : more == 1 ? b & 0x1f : b;
  for (let i = 0; i < more; i++) {
    const n = readByte(fd);
    if (n < 0) break;
    c = (c << 6) | (n & 0x3f);
  }
  return c;
}

/** c is the terminal's character for the c_cc entry at index (0: disabled). */
function isKey(c: i32, index: u32): bool {
  const k = load<u8>(saved + C_CC + index);
  return k != POSIX_VDISABLE && c == <i32>k;
}

class Editor {
  buf: i32[] = [];                      // the line's characters
  cur: i32 = 0;                         // the cursor: an index into buf
  prompt: string;                       // the prompt's last line, reprinted by redraw
  hist: i32;                            // the history entry shown (historyLength(): the new line)
  scratch: string = "";                 // the new line while the history is shown

  constructor(prompt: string) {
    this.prompt = prompt.substring(prompt.lastIndexOf("\n") + 1);
    this.hist = historyLength();
  }

  text(): string {
    let s = "";
    for (let i = 0; i < this.buf.length; i++) s += String.fromCodePoint(this.buf[i]);
    return s;
  }

  show(s: string): void {
    this.buf = [];
    for (let i = 0; i < s.length; i++) {
      const c = s.codePointAt(i);
      this.buf.push(c);
      if (c > 0xffff) i++;
    }
    this.cur = this.buf.length;
    this.redraw();
  }

  redraw(): void {
    let s = "\r" + this.prompt + this.text() + CLEAR_EOL;
    const back = this.buf.length - this.cur;
    if (back > 0) s += "\x1b[" + back.toString() + "D";
    eprint(s);
  }

  insert(c: i32): void {
    this.buf.push(c);
    for (let i = this.buf.length - 1; i > this.cur; i--) this.buf[i] = this.buf[i - 1];
    this.buf[this.cur] = c;
    this.cur++;
    if (this.cur == this.buf.length) eprint(String.fromCodePoint(c)); else this.redraw();
  }

  erase(from: i32, to: i32): void {
    if (from >= to) return;
    this.buf.splice(from, to - from);
    this.cur = from;
    this.redraw();
  }

  left(): void { if (this.cur > 0) { this.cur--; eprint("\b"); } }
  right(): void { if (this.cur < this.buf.length) { eprint(String.fromCodePoint(this.buf[this.cur])); this.cur++; } }
  home(): void { if (this.cur > 0) { this.cur = 0; this.redraw(); } }
  end(): void { if (this.cur < this.buf.length) { this.cur = this.buf.length; this.redraw(); } }
  backspace(): void { this.erase(this.cur - 1, this.cur); }
  deleteAt(): void { this.erase(this.cur, this.cur + 1); }

  wordStart(): i32 {
    let i = this.cur;
    while (i > 0 && (this.buf[i - 1] == SPACE || this.buf[i - 1] == TAB)) i--;
    while (i > 0 && this.buf[i - 1] != SPACE && this.buf[i - 1] != TAB) i--;
    return i;
  }

  up(): void {
    if (this.hist == 0) return;
    if (this.hist == historyLength()) this.scratch = this.text();
    this.show(historyAt(--this.hist));
  }

  down(): void {
    if (this.hist >= historyLength()) return;
    this.hist++;
    this.show(this.hist == historyLength() ? this.scratch : historyAt(this.hist));
  }

  /** An escape sequence: ESC [ or ESC O, parameters, a final byte. */
  escape(fd: i32): void {
    const intro = readByte(fd);
    if (intro != CSI && intro != SS3) return;
    let n = 0;
    let f = readByte(fd);
    for (; (f >= 0x30 && f <= 0x39) || f == 0x3b; f = readByte(fd)) n = f == 0x3b ? 0 : n * 10 + f - 0x30;
    if (f == 0x41) this.up();                                     // A
    else if (f == 0x42) this.down();                              // B
    else if (f == 0x43) this.right();                             // C
    else if (f == 0x44) this.left();                              // D
    else if (f == 0x48) this.home();                              // H
    else if (f == 0x46) this.end();                               // F
    else if (f == 0x7e && (n == 1 || n == 7)) this.home();        // 1~ 7~
    else if (f == 0x7e && (n == 4 || n == 8)) this.end();         // 4~ 8~
    else if (f == 0x7e && n == 3) this.deleteAt();                // 3~
  }

  /** Read keys until the line is done: its text and newline, "" when abandoned, null at the end. */
  run(fd: i32): string | null {
    for (;;) {
      const c = readByte(fd);
      if (c == END_OF_INPUT) { if (this.buf.length == 0) return null; eprint("\n"); return this.text() + "\n"; }
      if (c == NL || c == CR) { this.cur = this.buf.length; eprint("\n"); return this.text() + "\n"; }
      if (isKey(c, VINTR)) { this.end(); eprint("^C"); sh.status = INTERRUPTED; return ""; }
      if (isKey(c, VEOF)) { if (this.buf.length == 0) return null; this.deleteAt(); }
      else if (isKey(c, VERASE) || c == CTRL_H || c == DEL) this.backspace();
      else if (isKey(c, VKILL)) this.erase(0, this.cur);
      else if (isKey(c, VWERASE)) this.erase(this.wordStart(), this.cur);
      else if (!this.control(c, fd) && c >= SPACE) this.insert(readChar(fd, c));
    }
    return null;                        // not reached
  }

  /** The other control keys; false when c is none of them. */
  control(c: i32, fd: i32): bool {
    if (c == CTRL_A) this.home();
    else if (c == CTRL_E) this.end();
    else if (c == CTRL_B) this.left();
    else if (c == CTRL_F) this.right();
    else if (c == CTRL_K) this.erase(this.cur, this.buf.length);
    else if (c == CTRL_L) { eprint(CLEAR_SCREEN); this.redraw(); }
    else if (c == CTRL_P) this.up();
    else if (c == CTRL_N) this.down();
    else if (c == ESC) this.escape(fd);
    else return false;
    return true;
  }
}

/** Print the prompt and read a line with editing (a plain read when fd is no terminal). */
export function editLine(fd: i32, prompt: string): string | null {
  if (tcgetattr(fd, saved) < 0) { eprint(prompt); return readLineFd(fd); }
  memory.copy(raw, saved, TERMIOS_SIZE);
  store<u32>(raw + C_LFLAG, load<u32>(saved + C_LFLAG) & ~(ICANON | ECHO | ISIG | IEXTEN));
  store<u8>(raw + C_CC + VMIN, 1);
  store<u8>(raw + C_CC + VTIME, 0);
  tcsetattr(fd, TCSETS, raw);
  eprint(prompt);
  const line = new Editor(prompt).run(fd);
  tcsetattr(fd, TCSETS, saved);
  if (line !== null && line.length > 0) addHistory(line.substring(0, line.length - 1));
  return line;
}
