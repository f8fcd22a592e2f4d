// Word expansion, in POSIX's order: tilde, parameters (${x:-d} and the other forms), command
// substitution ($(...) and `...`), arithmetic ($((...))), then field splitting on IFS of the
// unquoted results, pathname expansion (unless set -f) and quote removal.
//
// Each character of a word being expanded carries a mark: Q quoted (never split nor globbed),
// L unquoted literal (globbed, not split), X unquoted expansion result (split and globbed).
//
// Interface:
//   expandWords(words) -> string[]    the fields of each word (a command's argv, a for list)
//   expandString(word) -> string      one string: no splitting or globbing (assignments, redirection
//                                     targets, case subjects)
//   expandPattern(word) -> string     a pattern: quoted characters escaped (case, ${x%pat})
//   expandHeredoc(body) -> string     $, ` and \ expansions of an unquoted here-document
//   ifsSplit(s, max) -> string[]      read's splitting of a line (max fields, the last takes the rest)
//   expandFailed                      an expansion error was reported (the command must not run)
import { sh, getVar, setVar, isName } from "./vars";
import { arith, arithError } from "./arith";
import { hasGlob, globPath, match } from "./glob";
import { commandSubst, fatal } from "./run";

const Q = "Q", L = "L", X = "X";
const SQ = 0x27, DQ = 0x22, BS = 0x5c, DOLLAR = 0x24, BQ = 0x60, LB = 0x7b, RB = 0x7d, LP = 0x28, RP = 0x29;

export let expandFailed = false;

class Field {
  constructor(public text: string, public marks: string) {}
}

class Builder {
  text: string = "";
  marks: string = "";
  have: bool = false;          // the field exists even if empty (a quote was seen)
  fields: Field[] = [];
  split: bool = true;          // split X characters on IFS

  add(s: string, mark: string): void {
    if (s.length == 0) return;
    this.text += s;
    this.marks += mark.repeat(s.length);
    if (mark == Q) this.have = true;
  }

  /** End the current field (for "$@"): kept even if empty when force. */
  breakField(force: bool): void {
    if (this.split) this.splitInto(this.fields, force);
    else this.fields.push(new Field(this.text, this.marks));
    this.text = ""; this.marks = ""; this.have = false;
  }

  finish(): Field[] {
    if (this.split) this.splitInto(this.fields, false);
    else this.fields.push(new Field(this.text, this.marks));
    return this.fields;
  }

  // Split text on IFS characters marked X: IFS white space runs delimit (ignored at the ends);
  // every other IFS character delimits a field, even an empty one.
  private splitInto(out: Field[], force: bool): void {
    const ifs = ifsValue();
    let cur = "", cm = "";
    let have = this.have;
    let i = 0;
    const n = this.text.length;
    while (i < n) {
      const c = this.text.charAt(i);
      if (this.marks.charCodeAt(i) != 0x58 || !ifs.includes(c)) {
        cur += c; cm += this.marks.charAt(i); have = true; i++; continue;
      }
      let j = i;
      while (j < n && this.isIfsWhite(j, ifs)) j++;
      let hard = false;
      if (j < n && this.marks.charCodeAt(j) == 0x58 && ifs.includes(this.text.charAt(j)) && !this.isIfsWhite(j, ifs)) {
        hard = true; j++;
        while (j < n && this.isIfsWhite(j, ifs)) j++;
      }
      if (have || hard) out.push(new Field(cur, cm));
      cur = ""; cm = ""; have = false;
      i = j;
    }
    if (have || force) out.push(new Field(cur, cm));
  }

  private isIfsWhite(j: i32, ifs: string): bool {
    if (this.marks.charCodeAt(j) != 0x58) return false;
    const c = this.text.charAt(j);
    return ifs.includes(c) && (c == " " || c == "\t" || c == "\n");
  }
}

function ifsValue(): string {
  const v = getVar("IFS");
  return v === null ? " \t\n" : v;
}

// ---- the walk over a word ----

/** Expand raw[i, end) into b; dq: inside double quotes. */
function walk(raw: string, i: i32, end: i32, dq: bool, b: Builder, tilde: bool): void {
  if (tilde && !dq && i < end && raw.charCodeAt(i) == 0x7e) i = expandTilde(raw, i, end, b);
  while (i < end && !expandFailed) {
    const c = raw.charCodeAt(i);
    if (c == SQ && !dq) {
      const e = raw.indexOf("'", i + 1);
      const stop = e < 0 ? end : e;
      b.have = true;
      b.add(raw.substring(i + 1, stop), Q);
      i = stop + 1;
    } else if (c == DQ && !dq) {
      const e = findDq(raw, i + 1, end);
      const inner = raw.substring(i + 1, e);
      if (!((inner == "$@" || inner == "${@}") && sh.params.length == 0)) b.have = true;
      walk(raw, i + 1, e, true, b, false);
      i = e + 1;
    } else if (c == BS) {
      i = backslash(raw, i, end, dq, b);
    } else if (c == DOLLAR) {
      i = dollar(raw, i, end, dq, b);
    } else if (c == BQ) {
      const e = findBackquote(raw, i + 1, end);
      addResult(b, commandSubst(unescapeBackquote(raw.substring(i + 1, e), dq)), dq);
      i = e + 1;
    } else {
      b.add(raw.charAt(i), dq ? Q : L);
      i++;
    }
  }
}

function backslash(raw: string, i: i32, end: i32, dq: bool, b: Builder): i32 {
  if (i + 1 >= end) { b.add("\\", dq ? Q : L); return i + 1; }
  const d = raw.charCodeAt(i + 1);
  if (!dq || d == DOLLAR || d == BQ || d == DQ || d == BS) { b.add(raw.charAt(i + 1), Q); return i + 2; }
  if (d == 0x0a) return i + 2;
  b.add("\\", Q);
  return i + 1;
}

function expandTilde(raw: string, i: i32, end: i32, b: Builder): i32 {
  let e = i + 1;
  while (e < end && raw.charCodeAt(e) != 0x2f) {
    const c = raw.charCodeAt(e);
    if (c == SQ || c == DQ || c == BS || c == DOLLAR || c == BQ) return i;
    e++;
  }
  if (e > i + 1) return i;                                   // ~user: no user database
  const home = getVar("HOME");
  if (home === null) return i;
  b.add(home, Q);
  return e;
}

/** The index of the '"' closing a double-quoted part starting at i. */
function findDq(raw: string, i: i32, end: i32): i32 {
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (c == DQ) return i;
    if (c == BS) { i += 2; continue; }
    if (c == BQ) { i = findBackquote(raw, i + 1, end) + 1; continue; }
    if (c == DOLLAR && i + 1 < end) {
      const d = raw.charCodeAt(i + 1);
      if (d == LP) { i = findClose(raw, i + 2, end, LP, RP) + 1; continue; }
      if (d == LB) { i = findClose(raw, i + 2, end, LB, RB) + 1; continue; }
    }
    i++;
  }
  return end;
}

function findBackquote(raw: string, i: i32, end: i32): i32 {
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (c == BQ) return i;
    i += c == BS ? 2 : 1;
  }
  return end;
}

/** The index of the close matching an open already passed (nesting, quotes skipped). */
function findClose(raw: string, i: i32, end: i32, open: i32, close: i32): i32 {
  let depth = 1;
  let cases = 0;
  while (i < end) {
    const c = raw.charCodeAt(i);
    if (c == BS) { i += 2; continue; }
    if (c == SQ) { const e = raw.indexOf("'", i + 1); i = e < 0 ? end : e + 1; continue; }
    if (c == DQ && open != LB) { i = findDq(raw, i + 1, end) + 1; continue; }
    if (c == DQ) { i = findDq(raw, i + 1, end) + 1; continue; }
    if (c == BQ) { i = findBackquote(raw, i + 1, end) + 1; continue; }
    if (open == LP && isWordAt(raw, i, "case")) cases++;
    if (open == LP && isWordAt(raw, i, "esac")) cases--;
    if (c == open) depth++;
    else if (c == close) {
      if (cases > 0 && close == RP) { i++; continue; }
      if (--depth == 0) return i;
    } else if (c == DOLLAR && i + 1 < end && raw.charCodeAt(i + 1) == LB && open != LB) {
      i = findClose(raw, i + 2, end, LB, RB) + 1; continue;
    }
    i++;
  }
  return end;
}

function isWordAt(raw: string, i: i32, w: string): bool {
  if (!raw.startsWith(w, i)) return false;
  const before = i == 0 ? 0x20 : raw.charCodeAt(i - 1);
  const after = i + w.length < raw.length ? raw.charCodeAt(i + w.length) : 0x20;
  return (before == 0x20 || before == 0x0a || before == 0x09 || before == 0x3b || before == LP) &&
    (after == 0x20 || after == 0x0a || after == 0x09 || after == 0x3b);
}

/** `...`'s text with its backslash escapes (\$ \` \\, and \" in double quotes) removed. */
function unescapeBackquote(s: string, dq: bool): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == BS && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d == DOLLAR || d == BQ || d == BS || (dq && d == DQ)) { out += s.charAt(i + 1); i++; continue; }
    }
    out += s.charAt(i);
  }
  return out;
}

/** An expansion's result: quoted in double quotes, else marked for splitting. */
function addResult(b: Builder, s: string, dq: bool): void { b.add(s, dq ? Q : X); }

// ---- $ ----

function dollar(raw: string, i: i32, end: i32, dq: bool, b: Builder): i32 {
  if (i + 1 >= end) { b.add("$", dq ? Q : L); return i + 1; }
  const d = raw.charCodeAt(i + 1);
  if (d == LP) {
    if (i + 2 < end && raw.charCodeAt(i + 2) == LP) {
      const e = findClose(raw, i + 3, end, LP, RP);
      if (e + 1 < end && raw.charCodeAt(e + 1) == RP) {
        arithmetic(raw.substring(i + 3, e), dq, b);
        return e + 2;
      }
    }
    const e = findClose(raw, i + 2, end, LP, RP);
    addResult(b, commandSubst(raw.substring(i + 2, e)), dq);
    return e + 1;
  }
  if (d == LB) {
    const e = findClose(raw, i + 2, end, LB, RB);
    braced(raw, i + 2, e, dq, b);
    return e + 1;
  }
  let e = i + 1;
  if (isNameStart(d)) { e++; while (e < end && isNameChar(raw.charCodeAt(e))) e++; }
  else if (isSpecial(d) || (d >= 0x30 && d <= 0x39)) e++;
  else { b.add("$", dq ? Q : L); return i + 1; }
  const name = raw.substring(i + 1, e);
  if (name == "@" || name == "*") { addParams(name, dq, b); return e; }
  const v = paramValue(name);
  if (v === null) { if (sh.nounset) unsetError(name); return e; }
  addResult(b, v, dq);
  return e;
}

function isNameStart(c: i32): bool { return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f; }
function isNameChar(c: i32): bool { return isNameStart(c) || (c >= 0x30 && c <= 0x39); }
function isSpecial(c: i32): bool {
  return c == 0x40 || c == 0x2a || c == 0x23 || c == 0x3f || c == 0x2d || c == DOLLAR || c == 0x21;
}

function unsetError(name: string): void { fail(name + ": parameter not set"); }

function fail(msg: string): void {
  if (expandFailed) return;
  expandFailed = true;
  fatal(msg);
}

/** $@ and $*: separate fields unquoted and in "$@"; "$*" joins with IFS's first character. */
function addParams(name: string, dq: bool, b: Builder): void {
  const ps = sh.params;
  if (dq && name == "*") {
    const ifs = ifsValue();
    addResult(b, ps.join(ifs.length > 0 ? ifs.charAt(0) : ""), true);
    return;
  }
  for (let k = 0; k < ps.length; k++) {
    if (k > 0) b.breakField(dq);
    addResult(b, ps[k], dq);
    if (dq) b.have = true;
  }
}

/** A parameter's value; null if unset. */
export function paramValue(name: string): string | null {
  const c = name.charCodeAt(0);
  if (name.length == 1) {
    if (c == 0x3f) return sh.status.toString();
    if (c == DOLLAR) return sh.pid.toString();
    if (c == 0x21) return sh.lastBg > 0 ? sh.lastBg.toString() : null;
    if (c == 0x23) return sh.params.length.toString();
    if (c == 0x2d) return optionFlags();
    if (c == 0x40 || c == 0x2a) return sh.params.length > 0 ? sh.params.join(" ") : null;
  }
  if (c >= 0x30 && c <= 0x39) {
    const n = I32.parseInt(name);
    if (n == 0) return sh.arg0;
    return n <= sh.params.length ? sh.params[n - 1] : null;
  }
  return getVar(name);
}

// dash lists the flags in this order.
function optionFlags(): string {
  let s = "";
  if (sh.nounset) s += "u";
  if (sh.verbose) s += "v";
  if (sh.xtrace) s += "x";
  if (sh.interactive) s += "i";
  if (sh.noglob) s += "f";
  if (sh.errexit) s += "e";
  return s;
}

function arithmetic(expr: string, dq: bool, b: Builder): void {
  const text = expandInner(expr);
  if (expandFailed) return;
  const v = arith(text);
  if (arithError.length > 0) { fail("arithmetic expression: " + arithError + ": \"" + text + "\""); return; }
  addResult(b, v.toString(), dq);
}

/** Text expanded as inside double quotes (the body of $((...)) and here-documents). */
function expandInner(s: string): string {
  const b = new Builder();
  b.split = false;
  walkDq(s, b);
  return b.text;
}

// In a here-document or $((...)), '"' is an ordinary character.
function walkDq(s: string, b: Builder): void {
  let i = 0;
  while (i < s.length && !expandFailed) {
    const c = s.charCodeAt(i);
    if (c == BS && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d == DOLLAR || d == BQ || d == BS) { b.add(s.charAt(i + 1), Q); i += 2; continue; }
      if (d == 0x0a) { i += 2; continue; }
      b.add("\\", Q); i++;
    } else if (c == DOLLAR) i = dollar(s, i, s.length, true, b);
    else if (c == BQ) {
      const e = findBackquote(s, i + 1, s.length);
      b.add(commandSubst(unescapeBackquote(s.substring(i + 1, e), false)), Q);
      i = e + 1;
    } else { b.add(s.charAt(i), Q); i++; }
  }
}

// ${...}: body is raw[i, e).
function braced(raw: string, i: i32, e: i32, dq: bool, b: Builder): void {
  if (raw.charCodeAt(i) == 0x23 && i + 1 < e) {                        // ${#x}
    const name = raw.substring(i + 1, e);
    if (validParam(name)) {
      const v = paramValue(name);
      if (v === null && sh.nounset && name != "@" && name != "*") { unsetError(name); return; }
      const n = name == "@" || name == "*" ? sh.params.length : v === null ? 0 : v.length;
      addResult(b, n.toString(), dq);
      return;
    }
  }
  let k = i;
  const c = raw.charCodeAt(k);
  if (isNameStart(c)) { k++; while (k < e && isNameChar(raw.charCodeAt(k))) k++; }
  else if (c >= 0x30 && c <= 0x39) { k++; while (k < e && raw.charCodeAt(k) >= 0x30 && raw.charCodeAt(k) <= 0x39) k++; }
  else if (isSpecial(c)) k++;
  const name = raw.substring(i, k);
  if (name.length == 0) { fail("${" + raw.substring(i, e) + "}: Bad substitution"); return; }
  if (k == e) {
    if (name == "@" || name == "*") { addParams(name, dq, b); return; }
    const v = paramValue(name);
    if (v === null) { if (sh.nounset) unsetError(name); return; }
    addResult(b, v, dq);
    return;
  }
  let op = raw.charAt(k);
  let colon = false;
  if (op == ":") { colon = true; k++; op = raw.charAt(k); }
  if ((op == "%" || op == "#") && raw.charAt(k + 1) == op) { op += op; k++; }
  k++;
  if (!"-=?+%#%%##".includes(op) || (colon && (op.startsWith("%") || op.startsWith("#")))) {
    fail("${" + raw.substring(i, e) + "}: Bad substitution");
    return;
  }
  operate(name, op, colon, raw, k, e, dq, b);
}

function validParam(name: string): bool {
  if (name.length == 1 && isSpecial(name.charCodeAt(0))) return true;
  if (isName(name)) return true;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x30 || name.charCodeAt(i) > 0x39) return false;
  return name.length > 0;
}

function operate(name: string, op: string, colon: bool, raw: string, k: i32, e: i32, dq: bool, b: Builder): void {
  let v = name == "@" || name == "*" ? (sh.params.length > 0 ? sh.params.join(" ") : null) : paramValue(name);
  const isNull = v === null || (colon && v.length == 0);
  if (op == "-") { if (isNull) walk(raw, k, e, dq, b, true); else addValue(name, v!, dq, b); return; }
  if (op == "+") { if (!isNull) walk(raw, k, e, dq, b, true); return; }
  if (op == "=") {
    if (isNull) {
      const w = wordString(raw, k, e);
      if (!isName(name)) { fail(name + ": bad variable name"); return; }   // dash: "$1: bad ..."
      setVar(name, w);
      addResult(b, w, dq);
    } else addValue(name, v!, dq, b);
    return;
  }
  if (op == "?") {
    if (isNull) {
      const w = wordString(raw, k, e);
      fail(name + ": " + (w.length > 0 ? w : "parameter not set"));
      return;
    }
    addValue(name, v!, dq, b);
    return;
  }
  if (v === null) { if (sh.nounset) unsetError(name); return; }
  const pb = new Builder();
  pb.split = false;
  walk(raw, k, e, false, pb, true);
  const pat = toPattern(pb.text, pb.marks);
  addResult(b, trim(v, pat, op), dq);
}

function addValue(name: string, v: string, dq: bool, b: Builder): void {
  if (name == "@" || name == "*") addParams(name, dq, b); else addResult(b, v, dq);
}

function wordString(raw: string, k: i32, e: i32): string {
  const b = new Builder();
  b.split = false;
  walk(raw, k, e, false, b, true);
  return b.text;
}

/** ${v%pat} ${v%%pat} ${v#pat} ${v##pat}. */
function trim(v: string, pat: string, op: string): string {
  const n = v.length;
  if (op == "%") { for (let i = n; i >= 0; i--) if (match(pat, v.substring(i))) return v.substring(0, i); }
  else if (op == "%%") { for (let i = 0; i <= n; i++) if (match(pat, v.substring(i))) return v.substring(0, i); }
  else if (op == "#") { for (let i = 0; i <= n; i++) if (match(pat, v.substring(0, i))) return v.substring(i); }
  else { for (let i = n; i >= 0; i--) if (match(pat, v.substring(0, i))) return v.substring(i); }
  return v;
}

/** Text with its quoted characters (marks Q) escaped for the pattern matcher. */
function toPattern(text: string, marks: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const special = c == 0x2a || c == 0x3f || c == 0x5b || c == BS || c == 0x5d;
    if (special && (marks.charCodeAt(i) == 0x51 || c == BS)) out += "\\";
    out += text.charAt(i);
  }
  return out;
}

// ---- the interface ----

export function expandWords(words: string[]): string[] {
  expandFailed = false;
  const out = new Array<string>();
  for (let w = 0; w < words.length && !expandFailed; w++) {
    const b = new Builder();
    walk(words[w], 0, words[w].length, false, b, true);
    const fields = b.finish();
    for (let f = 0; f < fields.length; f++) globField(fields[f], out);
  }
  return out;
}

function globField(f: Field, out: string[]): void {
  if (!sh.noglob && (f.marks.includes(L) || f.marks.includes(X))) {
    const pat = toPattern(f.text, f.marks);
    if (!sh.noglob && hasGlob(pat)) {
      const hits = globPath(pat);
      if (hits.length > 0) { for (let i = 0; i < hits.length; i++) out.push(hits[i]); return; }
    }
  }
  out.push(f.text);
}

export function expandString(word: string): string {
  expandFailed = false;
  const b = new Builder();
  b.split = false;
  walk(word, 0, word.length, false, b, true);
  return b.text;
}

/** An assignment's value: tilde expansion after '=' and ':' too. */
export function expandAssignValue(word: string): string { return expandString(word); }

export function expandPattern(word: string): string {
  expandFailed = false;
  const b = new Builder();
  b.split = false;
  walk(word, 0, word.length, false, b, true);
  return toPattern(b.text, b.marks);
}

export function expandHeredoc(body: string): string {
  expandFailed = false;
  return expandInner(body);
}

/** read's field splitting of a line into at most max fields (the last keeps the rest, trimmed). */
export function ifsSplit(s: string, max: i32): string[] {
  const ifs = ifsValue();
  const out = new Array<string>();
  let i = 0;
  const n = s.length;
  const white = (c: string): bool => (c == " " || c == "\t" || c == "\n") && ifsValue().includes(c);
  while (i < n && white(s.charAt(i))) i++;
  while (i < n) {
    if (out.length == max - 1) {
      let e = n;
      while (e > i && white(s.charAt(e - 1))) e--;
      out.push(s.substring(i, e));
      return out;
    }
    let j = i;
    while (j < n && !ifs.includes(s.charAt(j))) j++;
    out.push(s.substring(i, j));
    if (j < n && !white(s.charAt(j))) j++;
    else { while (j < n && white(s.charAt(j))) j++; if (j < n && ifs.includes(s.charAt(j)) && !white(s.charAt(j))) j++; }
    while (j < n && white(s.charAt(j))) j++;
    i = j;
  }
  return out;
}

