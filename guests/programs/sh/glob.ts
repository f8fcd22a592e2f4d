// Patterns: matching a string against a shell pattern (*, ?, [...] with ! or ^, ranges and
// [:class:]; a backslash makes the next character literal) and pathname expansion (each '/'
// component matched against a directory's names, dot files only by a leading '.', sorted).
//
// Interface:
//   match(pat, s) -> bool       the whole of s matches pat
//   hasGlob(pat) -> bool        pat has an unescaped *, ? or [
//   globPath(pat) -> string[]   the matching paths, sorted (empty: no match)
//   escapeGlob(s)               s with every pattern character escaped
import { DirList, access, F_OK, isAlpha, isDigit, isUpper, isLower, isSpace } from "../../sdk";

const STAR = 0x2a, QMARK = 0x3f, LBRACK = 0x5b, RBRACK = 0x5d, BS = 0x5c, SLASH = 0x2f, DOT = 0x2e;

export function hasGlob(pat: string): bool {
  for (let i = 0; i < pat.length; i++) {
    const c = pat.charCodeAt(i);
    if (c == BS) { i++; continue; }
    if (c == STAR || c == QMARK || (c == LBRACK && bracketEnd(pat, i) > 0)) return true;
  }
  return false;
}

export function escapeGlob(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == STAR || c == QMARK || c == LBRACK || c == BS || c == RBRACK) out += "\\";
    out += s.charAt(i);
  }
  return out;
}

export function match(pat: string, s: string): bool { return matchAt(pat, 0, s, 0); }

function matchAt(pat: string, p: i32, s: string, i: i32): bool {
  while (p < pat.length) {
    const c = pat.charCodeAt(p);
    if (c == STAR) {
      while (p < pat.length && pat.charCodeAt(p) == STAR) p++;
      if (p == pat.length) return true;
      for (let k = i; k <= s.length; k++) if (matchAt(pat, p, s, k)) return true;
      return false;
    }
    if (i >= s.length) return false;
    if (c == QMARK) { p++; i++; continue; }
    if (c == LBRACK) {
      const end = bracketEnd(pat, p);
      if (end > 0) {
        if (!bracketMatch(pat, p + 1, end, s.charCodeAt(i))) return false;
        p = end + 1; i++; continue;
      }
    }
    let lit = c;
    if (c == BS && p + 1 < pat.length) { p++; lit = pat.charCodeAt(p); }
    if (lit != s.charCodeAt(i)) return false;
    p++; i++;
  }
  return i == s.length;
}

/** The index of the ']' closing the bracket expression at p, or -1 (then '[' is literal). */
function bracketEnd(pat: string, p: i32): i32 {
  let k = p + 1;
  if (k < pat.length && (pat.charCodeAt(k) == 0x21 || pat.charCodeAt(k) == 0x5e)) k++;
  if (k < pat.length && pat.charCodeAt(k) == RBRACK) k++;
  while (k < pat.length) {
    const c = pat.charCodeAt(k);
    if (c == BS) { k += 2; continue; }
    if (c == LBRACK && k + 1 < pat.length && pat.charCodeAt(k + 1) == 0x3a) {
      const e = pat.indexOf(":]", k + 2);
      if (e > 0) { k = e + 2; continue; }
    }
    if (c == RBRACK) return k;
    k++;
  }
  return -1;
}

function bracketMatch(pat: string, k: i32, end: i32, ch: i32): bool {
  let neg = false;
  if (pat.charCodeAt(k) == 0x21 || pat.charCodeAt(k) == 0x5e) { neg = true; k++; }
  let hit = false;
  let first = true;
  while (k < end) {
    let c = pat.charCodeAt(k);
    if (c == LBRACK && pat.charCodeAt(k + 1) == 0x3a) {
      const e = pat.indexOf(":]", k + 2);
      if (inClass(pat.substring(k + 2, e), ch)) hit = true;
      k = e + 2; first = false; continue;
    }
    if (c == BS && k + 1 < end) { k++; c = pat.charCodeAt(k); }
    else if (c == RBRACK && !first) break;
    first = false;
    if (k + 2 < end && pat.charCodeAt(k + 1) == 0x2d && pat.charCodeAt(k + 2) != RBRACK) {
      let hi = pat.charCodeAt(k + 2);
      if (hi == BS && k + 3 < end) { hi = pat.charCodeAt(k + 3); k++; }
      if (ch >= c && ch <= hi) hit = true;
      k += 3; continue;
    }
    if (c == ch) hit = true;
    k++;
  }
  return hit != neg;
}

function inClass(name: string, c: i32): bool {
  const u = <u32>c;
  if (name == "alpha") return isAlpha(u);
  if (name == "digit") return isDigit(u);
  if (name == "alnum") return isAlpha(u) || isDigit(u);
  if (name == "upper") return isUpper(u);
  if (name == "lower") return isLower(u);
  if (name == "space") return isSpace(u);
  if (name == "blank") return c == 0x20 || c == 0x09;
  if (name == "punct") return c > 0x20 && c < 0x7f && !isAlpha(u) && !isDigit(u);
  if (name == "xdigit") return isDigit(u) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
  if (name == "print") return c >= 0x20 && c < 0x7f;
  if (name == "cntrl") return c < 0x20 || c == 0x7f;
  return false;
}

function byteOrder(a: string, b: string): i32 { return a < b ? -1 : a > b ? 1 : 0; }

/** Pathname expansion of pat; sorted matches, or an empty list. */
export function globPath(pat: string): string[] {
  const parts = pat.split("/");
  let paths = [parts[0].length == 0 ? "/" : ""];
  for (let k = parts[0].length == 0 ? 1 : 0; k < parts.length; k++) {
    const part = parts[k];
    if (part.length == 0) { paths = paths.map<string>((p: string): string => p.endsWith("/") ? p : p + "/"); continue; }
    const next = new Array<string>();
    for (let j = 0; j < paths.length; j++) expandComponent(paths[j], part, next);
    paths = next;
    if (paths.length == 0) return paths;
  }
  paths.sort(byteOrder);
  return paths;
}

// The names in dir matching one component (literal components are taken as they are).
function expandComponent(dir: string, part: string, out: string[]): void {
  const prefix = dir.length == 0 || dir.endsWith("/") ? dir : dir + "/";
  if (!hasGlob(part)) {
    const path = prefix + unescape(part);
    if (access(path, F_OK) == 0) out.push(path);
    return;
  }
  const list = new DirList(dir.length == 0 ? "." : dir);
  const names = list.names;
  names.sort(byteOrder);
  const dotOk = part.charCodeAt(0) == DOT || (part.charCodeAt(0) == BS && part.charCodeAt(1) == DOT);
  for (let i = 0; i < names.length; i++) {
    if (names[i].charCodeAt(0) == DOT && !dotOk) continue;
    if (match(part, names[i])) out.push(prefix + names[i]);
  }
}

function unescape(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) == BS && i + 1 < s.length) i++;
    out += s.charAt(i);
  }
  return out;
}
