// POSIX basic regular expressions for the tools (grep), matched by backtracking over bytes, as
// Kernighan and Pike's matcher: literal bytes, '.', bracket expressions ([a-z], [^...],
// [[:alpha:]] and the other classes), '*', GNU's '\+' and '\?', '^' at the start and '$' at the
// end; '\' before another byte makes it literal. ASCII case folding with icase.
//
// Interface:
//   Regex(pattern, icase, fixed)   compile (fixed: the pattern is a plain string); .error: a message
//                                  (GNU grep's wording) or ""
//   .test(ptr, len) -> bool        whether the bytes contain a match

import { isHexDigit, toLower, toUpper } from "./ctype";

const ONE: u8 = 0, STAR: u8 = 1, PLUS: u8 = 2, OPT: u8 = 3;   // how often an atom may repeat

// One atom: the set of bytes it matches (256 bits) and its repetition.
class Atom {
  bits: StaticArray<u32> = new StaticArray<u32>(8);
  rep: u8 = ONE;
  has(b: u32): bool { return (this.bits[b >> 5] & (1 << (b & 31))) != 0; }
  add(b: u32): void { this.bits[b >> 5] |= 1 << (b & 31); }
}

const CLASSES = ["alpha", "digit", "alnum", "upper", "lower", "space", "punct", "xdigit", "blank", "print", "graph", "cntrl"];

function inClass(k: i32, b: u32): bool {
  const lo = b >= 0x61 && b <= 0x7a, up = b >= 0x41 && b <= 0x5a, dg = b >= 0x30 && b <= 0x39;
  switch (k) {
    case 0: return lo || up;
    case 1: return dg;
    case 2: return lo || up || dg;
    case 3: return up;
    case 4: return lo;
    case 5: return b == 0x20 || (b >= 0x09 && b <= 0x0d);
    case 6: return b > 0x20 && b < 0x7f && !(lo || up || dg);
    case 7: return isHexDigit(b);
    case 8: return b == 0x20 || b == 0x09;
    case 9: return b >= 0x20 && b < 0x7f;
    case 10: return b > 0x20 && b < 0x7f;
    default: return b < 0x20 || b == 0x7f;
  }
}


export class Regex {
  error: string = "";
  private atoms: Atom[] = [];
  private bol: bool = false;
  private eol: bool = false;
  private icase: bool;

  constructor(pattern: string, icase: bool, fixed: bool) {
    this.icase = icase;
    const p = String.UTF8.encode(pattern);
    const bytes = Uint8Array.wrap(p);
    if (fixed) for (let i = 0; i < bytes.length; i++) this.literal(bytes[i]);
    else this.compile(bytes);
  }

  /** Whether the line ptr[0, len) contains a match. */
  test(ptr: usize, len: usize): bool {
    if (this.bol) return this.here(ptr, 0, len, 0);
    for (let i: usize = 0; i <= len; i++) if (this.here(ptr, i, len, 0)) return true;
    return false;
  }

  private literal(b: u32): void {
    const a = new Atom();
    a.add(b);
    if (this.icase) { a.add(toLower(b)); a.add(toUpper(b)); }
    this.atoms.push(a);
  }

  private compile(s: Uint8Array): void {
    let i = 0;
    if (s.length > 0 && s[0] == 0x5e) { this.bol = true; i = 1; }                 // ^
    let end = s.length;
    if (end > i && s[end - 1] == 0x24 && !(end >= 2 && s[end - 2] == 0x5c)) { this.eol = true; end--; }   // $
    while (i < end && this.error.length == 0) {
      const c = <u32>s[i];
      if (c == 0x2a && this.atoms.length > 0) { this.atoms[this.atoms.length - 1].rep = STAR; i++; continue; }
      if (c == 0x5c && i + 1 < end) {
        const d = <u32>s[i + 1];
        if ((d == 0x2b || d == 0x3f) && this.atoms.length > 0) { this.atoms[this.atoms.length - 1].rep = d == 0x2b ? PLUS : OPT; i += 2; continue; }
        this.literal(d); i += 2; continue;
      }
      if (c == 0x5c) { this.error = "Trailing backslash"; return; }
      if (c == 0x2e) { const a = new Atom(); for (let b: u32 = 0; b < 256; b++) if (b != 0x0a) a.add(b); this.atoms.push(a); i++; continue; }
      if (c == 0x5b) { i = this.bracket(s, i + 1, end); continue; }
      this.literal(c); i++;
    }
  }

  // A bracket expression starting after '['; returns the index after its ']'.
  private bracket(s: Uint8Array, i: i32, end: i32): i32 {
    const a = new Atom();
    const neg = i < end && s[i] == 0x5e;
    if (neg) i++;
    let first = true;
    while (i < end && (s[i] != 0x5d || first)) {
      first = false;
      if (s[i] == 0x5b && i + 1 < end && s[i + 1] == 0x3a) {                   // [:class:]
        let j = i + 2;
        while (j + 1 < end && !(s[j] == 0x3a && s[j + 1] == 0x5d)) j++;
        const k = CLASSES.indexOf(String.UTF8.decode(s.buffer.slice(i + 2, j)));
        if (k < 0 || j + 1 >= end) { this.error = "Invalid character class name"; return end; }
        for (let b: u32 = 0; b < 256; b++) if (inClass(k, b)) a.add(b);
        i = j + 2; continue;
      }
      let lo = <u32>s[i], hi = lo;
      if (i + 2 < end && s[i + 1] == 0x2d && s[i + 2] != 0x5d) { hi = <u32>s[i + 2]; i += 2; }
      if (hi < lo) { this.error = "Invalid range end"; return end; }
      for (let b = lo; b <= hi; b++) { a.add(b); if (this.icase) { a.add(toLower(b)); a.add(toUpper(b)); } }
      i++;
    }
    if (i >= end) { this.error = "Unmatched [, [^, [:, [., or [="; return end; }
    if (neg) for (let w = 0; w < 8; w++) a.bits[w] = ~a.bits[w];
    this.atoms.push(a);
    return i + 1;
  }

  // Whether atoms[k..] match at line[i..] (and, with '$', reach the end).
  private here(p: usize, i: usize, len: usize, k: i32): bool {
    if (k == this.atoms.length) return !this.eol || i == len;
    const a = this.atoms[k];
    if (a.rep == ONE) return i < len && a.has(<u32>load<u8>(p + i)) && this.here(p, i + 1, len, k + 1);
    let n: usize = 0;                                   // the longest run first, then shorter ones
    const most: usize = a.rep == OPT ? 1 : len - i;
    while (n < most && i + n < len && a.has(<u32>load<u8>(p + i + n))) n++;
    const least: usize = a.rep == PLUS ? 1 : 0;
    for (let m = <isize>n; m >= <isize>least; m--) if (this.here(p, i + <usize>m, len, k + 1)) return true;
    return false;
  }
}
