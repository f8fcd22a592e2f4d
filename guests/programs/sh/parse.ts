// The parser: recursive descent over the lexer's tokens, in the shape of POSIX's grammar, one
// complete command (a line's list, or more lines while a construct is open) at a time. Syntax
// errors carry dash's wording ("\"fi\" unexpected (expecting \"then\")").
//
// Interface:
//   Parser(lexer) .command() -> Node | null     the next complete command; null at the end of
//                                               input or on a syntax error (.error says which)
//   Parser.line                                 the line the last command started on
//   Parser.errorLine                            the line of the syntax error
import { Lexer, Tok, T } from "./lex";
import { N, Node, R, Redir } from "./node";
import { isName } from "./vars";

const STOP_WORDS = ["then", "else", "elif", "fi", "do", "done", "esac", "}"];
const TOKEN_NAMES = ["word", "newline", "end of file", ";", "&", "|", "&&", "||", ";;", "(", ")", "redirection"];

export class Parser {
  lx: Lexer;
  error: string = "";
  errorLine: i32 = 1;         // the line the syntax error is on
  line: i32 = 1;
  constructor(lx: Lexer) { this.lx = lx; }

  /** The next complete command, skipping blank lines; null at end of input or on an error. */
  command(): Node | null {
    let t = this.lx.next();
    while (t.kind == T.NEWLINE) t = this.lx.next();
    if (this.failed()) return null;
    if (t.kind == T.EOF) return null;
    this.line = t.line;
    this.lx.unread(t);
    const n = this.list(true);
    if (this.failed()) return null;
    const e = this.lx.next();
    if (e.kind != T.NEWLINE && e.kind != T.EOF) { this.unexpected(e, ""); return null; }
    if (this.lx.pending.length > 0 && e.kind == T.EOF) this.lx.pending = [];
    return n;
  }

  failed(): bool {
    if (this.error.length == 0 && this.lx.error.length > 0) { this.error = this.lx.error; this.errorLine = this.lx.line; }
    return this.error.length > 0;
  }

  private unexpected(t: Tok, expecting: string): void {
    if (this.failed()) return;
    let what = t.kind == T.WORD ? "\"" + t.text + "\"" : TOKEN_NAMES[t.kind];
    if (t.kind == T.WORD && !this.isKeyword(t)) what = "word";
    if (t.kind != T.WORD && t.kind != T.EOF && t.kind != T.NEWLINE) what = "\"" + what + "\"";
    if (t.kind == T.REDIR) what = "redirection";
    this.errorLine = t.line;
    this.error = what + " unexpected" + (expecting.length > 0 ? " (expecting \"" + expecting + "\")" : "");
  }

  private isKeyword(t: Tok): bool {
    const k = t.text;
    return STOP_WORDS.includes(k) || k == "if" || k == "while" || k == "until" || k == "for" ||
      k == "case" || k == "in" || k == "{" || k == "!";
  }

  private isWord(t: Tok, w: string): bool { return t.kind == T.WORD && t.text == w; }

  private skipNewlines(): void {
    if (this.failed()) return;
    let t = this.lx.next();
    while (t.kind == T.NEWLINE) t = this.lx.next();
    this.lx.unread(t);
  }

  // A list of and-or lists separated by ';', '&' (and newlines unless top): stops before a
  // closing word or token. top: the list of one complete command (ends at a newline).
  private list(top: bool): Node {
    const n = new Node(N.LIST, this.lx.line);
    for (;;) {
      if (this.failed()) return n;
      if (!top) this.skipNewlines();
      const t = this.lx.peek();
      if (this.failed()) return n;
      if (this.endsList(t)) break;
      const kid = this.andOr();
      n.kids.push(kid);
      n.async.push(false);
      if (this.failed()) return n;
      const after = this.lx.peek();          // already read: the token that ended the and-or list
      if (kid.text.length == 0 && after.start > t.start) kid.text = this.lx.src.text.substring(t.start, after.start).trim();
      const s = this.lx.next();
      if (s.kind == T.AMP) n.async[n.async.length - 1] = true;
      else if (s.kind == T.SEMI) {}
      else if (s.kind == T.NEWLINE && !top) {}
      else { this.lx.unread(s); break; }
    }
    if (n.kids.length == 0) { this.unexpected(this.lx.peek(), ""); }
    return n;
  }

  private endsList(t: Tok): bool {
    if (t.kind == T.EOF || t.kind == T.RPAREN || t.kind == T.DSEMI || t.kind == T.NEWLINE) return true;
    return t.kind == T.WORD && STOP_WORDS.includes(t.text);
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      const t = this.lx.next();
      if (t.kind != T.AND_IF && t.kind != T.OR_IF) { this.lx.unread(t); return left; }
      this.skipNewlines();
      const n = new Node(t.kind == T.AND_IF ? N.AND : N.OR, t.line);
      n.kids.push(left);
      n.kids.push(this.pipeline());
      left = n;
      if (this.failed()) return left;
    }
    return left;   // not reached
  }

  private pipeline(): Node {
    const n = new Node(N.PIPE, this.lx.line);
    let t = this.lx.next();
    if (this.isWord(t, "!")) n.bang = true; else this.lx.unread(t);
    for (;;) {
      n.kids.push(this.commandUnit());
      if (this.failed()) return n;
      t = this.lx.next();
      if (t.kind != T.PIPE) { this.lx.unread(t); break; }
      this.skipNewlines();
    }
    return n;
  }

  private commandUnit(): Node {
    const t = this.lx.next();
    if (this.failed()) return new Node(N.SIMPLE, t.line);
    let n: Node;
    if (t.kind == T.LPAREN) {
      n = new Node(N.SUBSHELL, t.line);
      n.kids.push(this.list(false));
      this.expectTok(T.RPAREN, ")");
    } else if (t.kind == T.WORD && t.text == "{") {
      n = new Node(N.GROUP, t.line);
      n.kids.push(this.list(false));
      this.expectWord("}");
    } else if (this.isWord(t, "if")) n = this.ifClause(t);
    else if (this.isWord(t, "while") || this.isWord(t, "until")) n = this.loop(t);
    else if (this.isWord(t, "for")) n = this.forClause(t);
    else if (this.isWord(t, "case")) n = this.caseClause(t);
    else { this.lx.unread(t); return this.simple(); }
    this.redirects(n);
    return n;
  }

  private expectWord(w: string): void {
    const t = this.lx.next();
    if (!this.isWord(t, w)) this.unexpected(t, w);
  }

  private expectTok(k: T, name: string): void {
    const t = this.lx.next();
    if (t.kind != k) this.unexpected(t, name);
  }

  private ifClause(t: Tok): Node {
    const n = new Node(N.IF, t.line);
    n.kids.push(this.list(false));
    this.expectWord("then");
    n.kids.push(this.list(false));
    for (;;) {
      if (this.failed()) return n;
      const e = this.lx.next();
      if (this.isWord(e, "elif")) {
        n.kids.push(this.list(false));
        this.expectWord("then");
        n.kids.push(this.list(false));
        continue;
      }
      if (this.isWord(e, "else")) { n.kids.push(this.list(false)); this.expectWord("fi"); return n; }
      if (!this.isWord(e, "fi")) this.unexpected(e, "fi");
      return n;
    }
  }

  private loop(t: Tok): Node {
    const n = new Node(t.text == "while" ? N.WHILE : N.UNTIL, t.line);
    n.kids.push(this.list(false));
    this.expectWord("do");
    n.kids.push(this.list(false));
    this.expectWord("done");
    return n;
  }

  private forClause(t: Tok): Node {
    const n = new Node(N.FOR, t.line);
    const name = this.lx.next();
    if (name.kind != T.WORD || !isName(name.text)) { this.unexpected(name, ""); if (!this.failed()) this.error = "Bad for loop variable"; return n; }
    n.name = name.text;
    this.skipNewlines();
    let w = this.lx.next();
    if (this.isWord(w, "in")) {
      n.hasIn = true;
      w = this.lx.next();
      while (w.kind == T.WORD) { n.words.push(w.text); w = this.lx.next(); }
      if (w.kind != T.SEMI && w.kind != T.NEWLINE) { this.unexpected(w, "do"); return n; }
      this.skipNewlines();
    } else if (w.kind == T.SEMI) this.skipNewlines();
    else this.lx.unread(w);
    this.expectWord("do");
    n.kids.push(this.list(false));
    this.expectWord("done");
    return n;
  }

  private caseClause(t: Tok): Node {
    const n = new Node(N.CASE, t.line);
    const subject = this.lx.next();
    if (subject.kind != T.WORD) { this.unexpected(subject, "word"); return n; }
    n.words.push(subject.text);
    this.skipNewlines();
    this.expectWord("in");
    for (;;) {
      this.skipNewlines();
      if (this.failed()) return n;
      let p = this.lx.next();
      if (this.isWord(p, "esac")) return n;
      if (p.kind == T.LPAREN) p = this.lx.next();
      const pats = new Array<string>();
      for (;;) {
        if (p.kind != T.WORD) { this.unexpected(p, ")"); return n; }
        pats.push(p.text);
        p = this.lx.next();
        if (p.kind == T.RPAREN) break;
        if (p.kind != T.PIPE) { this.unexpected(p, ")"); return n; }
        p = this.lx.next();
      }
      n.patterns.push(pats);
      this.skipNewlines();
      const e = this.lx.peek();
      if (e.kind == T.DSEMI || this.isWord(e, "esac")) n.kids.push(new Node(N.LIST, e.line));
      else n.kids.push(this.list(false));
      if (this.failed()) return n;
      const d = this.lx.next();
      if (this.isWord(d, "esac")) return n;
      if (d.kind != T.DSEMI) { this.unexpected(d, "esac"); return n; }
    }
    return n;   // not reached
  }

  // Redirections after a compound command.
  private redirects(n: Node): void {
    for (;;) {
      const t = this.lx.next();
      if (t.kind != T.REDIR) { this.lx.unread(t); return; }
      this.redirect(t, n);
      if (this.failed()) return;
    }
  }

  private redirect(t: Tok, n: Node): void {
    const r = new Redir(t.fd, t.op);
    const w = this.lx.next();
    if (w.kind != T.WORD) { this.unexpected(w, ""); return; }
    r.target = w.text;
    if (t.op == R.HEREDOC) {
      r.strip = t.text == "<<-";
      r.quoted = hasQuote(w.text);
      r.target = unquoteLiteral(w.text);
      this.lx.pending.push(r);
    }
    n.redirs.push(r);
  }

  private simple(): Node {
    const n = new Node(N.SIMPLE, this.lx.line);
    let start = -1, end = 0;
    for (;;) {
      const t = this.lx.next();
      if (this.failed()) return n;
      if (start < 0) start = t.start;
      if (t.kind == T.REDIR || t.kind == T.WORD) end = t.end;
      if (t.kind == T.REDIR) { this.redirect(t, n); end = this.lx.pos; continue; }
      if (t.kind != T.WORD) {
        if (t.kind == T.LPAREN && n.words.length == 1 && n.assigns.length == 0 && n.redirs.length == 0) {
          return this.funcDef(n.words[0], t);
        }
        this.lx.unread(t);
        break;
      }
      if (n.words.length == 0 && isAssignment(t.text)) n.assigns.push(t.text);
      else n.words.push(t.text);
    }
    n.text = start >= 0 && end > start ? this.lx.src.text.substring(start, end).trim() : "";
    if (n.words.length == 0 && n.assigns.length == 0 && n.redirs.length == 0) this.unexpected(this.lx.peek(), "");
    return n;
  }

  private funcDef(name: string, t: Tok): Node {
    const n = new Node(N.FUNC, t.line);
    n.name = name;
    if (!isName(name)) { this.error = "Bad function name"; this.errorLine = t.line; return n; }
    this.expectTok(T.RPAREN, ")");
    this.skipNewlines();
    n.kids.push(this.commandUnit());
    return n;
  }
}

/** NAME=... with an unquoted valid name. */
export function isAssignment(w: string): bool {
  const eq = w.indexOf("=");
  return eq > 0 && isName(w.substring(0, eq));
}

function hasQuote(w: string): bool { return w.includes("'") || w.includes("\"") || w.includes("\\"); }

/** A here-document delimiter with its quotes removed. */
function unquoteLiteral(w: string): string {
  let s = "";
  let q = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (q == 0 && (c == 0x27 || c == 0x22)) { q = c; continue; }
    if (q != 0 && c == q) { q = 0; continue; }
    if (c == 0x5c && q != 0x27 && i + 1 < w.length) { s += w.charAt(++i); continue; }
    s += w.charAt(i);
  }
  return s;
}
