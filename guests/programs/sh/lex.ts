// The lexer: turns shell source into tokens (words in their source form, operators, redirection
// operators with their fd, newlines), reads here-document bodies after the newline that ends their
// line, and asks its Source for more input when a token or quote is not finished.
//
// Interface:
//   Source(text, fd)            text to read; fd >= 0: more lines come from fd, a byte at a time
//                               (so programs started by the shell find their input where it stopped)
//     .more() -> bool           append the next line (false at end of input), after printing
//                               .prompt1 (while the text is blank) or .prompt2 (continuation
//                               lines), through the line editor when .editing; a read interrupted by a signal (Ctrl-C at the prompt:
//                               EINTR) drops the partial line, starts a new output line and gives
//                               an empty line (dash's onint)
//   Lexer(src) .next() -> Tok   .peek() .unread(tok); .error: the first syntax error ("" if none);
//                               .reset() after one
//     .pending                  here-documents whose bodies follow the next newline
//   T (token kinds), Tok (kind, text, fd, op, line)
//   isMeta(c)                   a character that ends an unquoted word
import { read, eprint, Errno } from "../../sdk";
import { R, Redir } from "./node";
import { editLine } from "./edit";

export enum T { WORD, NEWLINE, EOF, SEMI, AMP, PIPE, AND_IF, OR_IF, DSEMI, LPAREN, RPAREN, REDIR }

export class Tok {
  start: i32 = 0;             // where the token begins and ends in the source text
  end: i32 = 0;
  constructor(public kind: T, public text: string = "", public line: i32 = 0,
    public fd: i32 = -1, public op: R = R.IN) {}
}

const byte = memory.data(1);
const NL = 0x0a, SQ = 0x27, DQ = 0x22, BS = 0x5c, DOLLAR = 0x24, BQ = 0x60;
const LP = 0x28, RP = 0x29, LB = 0x7b, RB = 0x7d, HASH = 0x23;

export function isMeta(c: i32): bool {
  return c == 0x20 || c == 0x09 || c == NL || c == 0x3b || c == 0x26 || c == 0x7c || c == LP ||
    c == RP || c == 0x3c || c == 0x3e;
}

export class Source {
  text: string;
  fd: i32;
  eof: bool = false;
  prompt1: string = "";       // printed before a line read while the text so far is blank
  prompt2: string = "";       // printed before each continuation line (interactive)
  editing: bool = false;      // lines come through the line editor (edit.ts): a shell at a terminal
  constructor(text: string, fd: i32 = -1) { this.text = text; this.fd = fd; }

  /** Append the next line of fd; false at its end (or without an fd). */
  more(): bool {
    if (this.fd < 0 || this.eof) return false;
    const prompt = blank(this.text) ? this.prompt1 : this.prompt2;   // a blank line: PS1 again
    let line: string | null;
    if (this.editing) line = editLine(this.fd, prompt);
    else { if (prompt.length > 0) eprint(prompt); line = readLineFd(this.fd); }
    if (line === null) { this.eof = true; return false; }
    if (line.length == 0) { eprint("\n"); this.text += "\n"; return true; }    // interrupted
    this.text += line;
    return true;
  }
}

function blank(s: string): bool {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x20) return false;
  return true;
}

/** The next line of fd, newline included (the last line may have none); null at end of input;
 *  "" when a signal interrupted the read (EINTR): the partial line is dropped. */
export function readLineFd(fd: i32): string | null {
  const bytes = new Array<u8>();
  for (;;) {
    const r = read(fd, byte, 1);
    if (r == -Errno.EINTR) return "";
    if (r <= 0) break;
    const c = load<u8>(byte);
    bytes.push(c);
    if (c == NL) break;
  }
  if (bytes.length == 0) return null;
  const buf = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) buf[i] = bytes[i];
  return String.UTF8.decode(buf.buffer);
}

export class Lexer {
  src: Source;
  pos: i32 = 0;
  line: i32 = 1;
  error: string = "";
  pending: Redir[] = [];
  private back: Tok | null = null;

  constructor(src: Source) { this.src = src; }

  /** The character at i, reading more input if needed; -1 at the end. */
  ch(i: i32): i32 {
    while (i >= this.src.text.length) if (!this.src.more()) return -1;
    return this.src.text.charCodeAt(i);
  }

  fail(msg: string): Tok {
    if (this.error.length == 0) this.error = msg;
    return new Tok(T.EOF, "", this.line);
  }

  unread(t: Tok): void { this.back = t; }

  peek(): Tok { const t = this.next(); this.back = t; return t; }

  /** Forget a half-read command after a syntax error: its text, pending here-documents. */
  reset(): void {
    this.back = null; this.pending = []; this.error = "";
    this.pos = this.src.text.length;
  }

  next(): Tok {
    const b = this.back;
    if (b) { this.back = null; return b; }
    const start = this.pos;
    const t = this.scan();
    t.start = start; t.end = this.pos;
    return t;
  }

  private scan(): Tok {
    if (this.error.length > 0) return new Tok(T.EOF, "", this.line);
    this.skipBlanks();
    const c = this.ch(this.pos);
    const line = this.line;
    if (c < 0) return new Tok(T.EOF, "", line);
    if (c == NL) {
      this.pos++; this.line++;
      if (this.pending.length > 0) this.readHeredocs();
      return new Tok(T.NEWLINE, "", line);
    }
    const op = this.operator(line);
    if (op) return op;
    return this.word(line);
  }

  // Blanks, backslash-newline continuations and comments.
  private skipBlanks(): void {
    for (;;) {
      const c = this.ch(this.pos);
      if (c == 0x20 || c == 0x09) { this.pos++; continue; }
      if (c == BS && this.ch(this.pos + 1) == NL) { this.pos += 2; this.line++; continue; }
      if (c == HASH) {
        while (this.ch(this.pos) >= 0 && this.ch(this.pos) != NL) this.pos++;
        continue;
      }
      return;
    }
  }

  // An operator token at pos (an IO number prefix included), or null.
  private operator(line: i32): Tok | null {
    const p = this.pos;
    const c = this.ch(p), d = this.ch(p + 1);
    if (c == 0x3b) { this.pos += d == 0x3b ? 2 : 1; return new Tok(d == 0x3b ? T.DSEMI : T.SEMI, "", line); }
    if (c == 0x26) { this.pos += d == 0x26 ? 2 : 1; return new Tok(d == 0x26 ? T.AND_IF : T.AMP, "", line); }
    if (c == 0x7c) { this.pos += d == 0x7c ? 2 : 1; return new Tok(d == 0x7c ? T.OR_IF : T.PIPE, "", line); }
    if (c == LP) { this.pos++; return new Tok(T.LPAREN, "", line); }
    if (c == RP) { this.pos++; return new Tok(T.RPAREN, "", line); }
    let q = p, fd = -1;
    while (this.ch(q) >= 0x30 && this.ch(q) <= 0x39) q++;
    if (q > p) {
      const e = this.ch(q);
      if (e != 0x3c && e != 0x3e) return null;
      fd = I32.parseInt(this.src.text.substring(p, q));
    }
    return this.redirOp(q, fd, line);
  }

  private redirOp(q: i32, fd: i32, line: i32): Tok | null {
    const c = this.ch(q), d = this.ch(q + 1);
    let op = R.IN, n = 1;
    if (c == 0x3c) {
      if (d == 0x3c) { op = R.HEREDOC; n = this.ch(q + 2) == 0x2d ? 3 : 2; }
      else if (d == 0x26) { op = R.DUPIN; n = 2; }
      else if (d == 0x3e) { op = R.RDWR; n = 2; }
      if (fd < 0) fd = 0;
    } else if (c == 0x3e) {
      op = R.OUT;
      if (d == 0x3e) { op = R.APPEND; n = 2; }
      else if (d == 0x26) { op = R.DUPOUT; n = 2; }
      else if (d == 0x7c) n = 2;
      if (fd < 0) fd = 1;
    } else return null;
    this.pos = q + n;
    return new Tok(T.REDIR, n == 3 ? "<<-" : "", line, fd, op);
  }

  // A word: up to an unquoted metacharacter, quotes and substitutions kept as written.
  private word(line: i32): Tok {
    let w = "";
    let start = this.pos;
    let i = this.pos;
    for (;;) {
      const c = this.ch(i);
      if (c < 0 || isMeta(c)) break;
      if (c == BS && this.ch(i + 1) == NL) {                     // continuation: dropped
        w += this.src.text.substring(start, i); i += 2; start = i; this.line++; continue;
      }
      i = this.skipUnit(i);
      if (i < 0) return this.unterminated();
    }
    w += this.src.text.substring(start, i);
    this.pos = i;
    return new Tok(T.WORD, w, line);
  }

  private unterminated(): Tok {
    return this.fail(this.unclosed == SQ || this.unclosed == DQ ? "Unterminated quoted string"
      : this.unclosed == BQ ? "EOF in backquote substitution"
      : "end of file unexpected (expecting \"" + String.fromCharCode(this.unclosed) + "\")");
  }

  private unclosed: i32 = 0;

  /** The index after the quoted part, substitution or character at i; -1 if input ends first. */
  skipUnit(i: i32): i32 {
    const c = this.ch(i);
    if (c == SQ) return this.skipTo(i + 1, SQ);
    if (c == DQ) return this.skipDouble(i + 1);
    if (c == BS) { if (this.ch(i + 1) == NL) this.line++; return this.ch(i + 1) < 0 ? i + 1 : i + 2; }
    if (c == BQ) return this.skipBackquote(i + 1);
    if (c == DOLLAR) {
      const d = this.ch(i + 1);
      if (d == LP) return this.skipNested(i + 2, LP, RP);
      if (d == LB) return this.skipNested(i + 2, LB, RB);
      return i + 1;
    }
    if (c == NL) this.line++;
    return i + 1;
  }

  private skipTo(i: i32, close: i32): i32 {
    for (;;) {
      const c = this.ch(i);
      if (c < 0) { this.unclosed = close; return -1; }
      if (c == NL) this.line++;
      if (c == close) return i + 1;
      i++;
    }
    return -1;   // not reached
  }

  private skipDouble(i: i32): i32 {
    for (;;) {
      const c = this.ch(i);
      if (c < 0) { this.unclosed = DQ; return -1; }
      if (c == DQ) return i + 1;
      if (c == SQ || c == NL) { if (c == NL) this.line++; i++; continue; }
      i = this.skipUnit(i);
      if (i < 0) return -1;
    }
    return -1;   // not reached
  }

  private skipBackquote(i: i32): i32 {
    for (;;) {
      const c = this.ch(i);
      if (c < 0) { this.unclosed = BQ; return -1; }
      if (c == BQ) return i + 1;
      if (c == NL) this.line++;
      i += c == BS ? 2 : 1;
    }
    return -1;   // not reached
  }

  // $( ... ), $(( ... )), ${ ... }: to the matching close, skipping quotes; between the words
  // case and esac a ')' closes a pattern, not the substitution.
  private skipNested(i: i32, open: i32, close: i32): i32 {
    let depth = 1;
    let cases = 0;
    for (;;) {
      const c = this.ch(i);
      if (c < 0) { this.unclosed = close; return -1; }
      if (c == open) { depth++; i++; continue; }
      if (c == close) {
        if (cases > 0 && close == RP) { i++; continue; }          // a case pattern's ')'
        if (--depth == 0) return i + 1;
        i++; continue;
      }
      if (close == RP && c == 0x63 && this.wordAt(i, "case")) { cases++; i += 4; continue; }
      if (close == RP && c == 0x65 && this.wordAt(i, "esac")) { cases--; i += 4; continue; }
      if (c == SQ || c == DQ || c == BS || c == BQ || c == DOLLAR) {
        i = this.skipUnit(i);
        if (i < 0) return -1;
        continue;
      }
      if (c == NL) this.line++;
      i++;
    }
    return -1;   // not reached
  }

  private wordAt(i: i32, w: string): bool {
    const before = i == 0 ? 0x20 : this.src.text.charCodeAt(i - 1);
    if (!isMeta(before)) return false;
    for (let k = 0; k < w.length; k++) if (this.ch(i + k) != w.charCodeAt(k)) return false;
    const after = this.ch(i + w.length);
    return after < 0 || isMeta(after);
  }

  // The bodies of the pending here-documents, each up to its delimiter line.
  private readHeredocs(): void {
    const docs = this.pending;
    this.pending = [];
    for (let k = 0; k < docs.length; k++) {
      const r = docs[k];
      let body = "";
      for (;;) {
        if (this.ch(this.pos) < 0) break;
        let e = this.pos;
        while (this.ch(e) >= 0 && this.ch(e) != NL) e++;
        let ln = this.src.text.substring(this.pos, e);
        this.pos = this.ch(e) == NL ? e + 1 : e;
        this.line++;
        if (r.strip) { let t = 0; while (t < ln.length && ln.charCodeAt(t) == 0x09) t++; ln = ln.substring(t); }
        if (ln == r.target) break;
        body += ln + "\n";
      }
      r.body = body;
    }
  }
}
