// httpd's byte helpers: ASCII names, case-insensitive compares, appending text and numbers to a
// buffer. Nothing here allocates (the stub runtime never frees), so every helper writes into
// memory its caller owns and returns the new end.
// Interface: the ASCII byte names (CR, LF, SP ...); eqi(p, n, s), hasToken(p, n, s), indexOf(p, n, b),
// putStr(p, s), putBytes(p, src, n), putDec(p, v), put2(p, v), parseDec(p, n), hexVal(c).
import { toLower, isDigit, isHexDigit } from "../../sdk";

export const HT: u8 = 0x09, LF: u8 = 0x0a, CR: u8 = 0x0d, SP: u8 = 0x20, QUOTE: u8 = 0x22, HASH: u8 = 0x23;
export const PERCENT: u8 = 0x25, AMP: u8 = 0x26, COMMA: u8 = 0x2c, DASH: u8 = 0x2d, DOT: u8 = 0x2e;
export const SLASH: u8 = 0x2f, ZERO: u8 = 0x30, COLON: u8 = 0x3a, LT: u8 = 0x3c, EQUALS: u8 = 0x3d;
export const GT: u8 = 0x3e, QUESTION: u8 = 0x3f, DEL: u8 = 0x7f;
export const CRLF: u16 = 0x0a0d;                 // "\r\n" read as a little-endian u16
export const CRLFCRLF: u32 = 0x0a0d0a0d;         // "\r\n\r\n" read as a little-endian u32
const MAX_DIGITS: usize = 18;                    // the longest decimal that parseDec takes (fits i64)

/** Do the n bytes at p equal the ASCII string s, ignoring case? */
export function eqi(p: usize, n: usize, s: string): bool {
  if (n != <usize>s.length) return false;
  for (let i: usize = 0; i < n; i++) if (toLower(load<u8>(p + i)) != toLower(s.charCodeAt(<i32>i))) return false;
  return true;
}

function isBlank(c: u8): bool { return c == SP || c == HT; }

/** Does the header value at [p, p+n) hold token s (comma-separated list, case-insensitive)? */
export function hasToken(p: usize, n: usize, s: string): bool {
  let i: usize = 0;
  while (i < n) {
    while (i < n && (isBlank(load<u8>(p + i)) || load<u8>(p + i) == COMMA)) i++;
    const start = i;
    while (i < n && load<u8>(p + i) != COMMA) i++;
    let end = i;
    while (end > start && isBlank(load<u8>(p + end - 1))) end--;
    if (eqi(p + start, end - start, s)) return true;
  }
  return false;
}

/** Offset of the first byte b in [p, p+n), or n. */
export function indexOf(p: usize, n: usize, b: u8): usize {
  let i: usize = 0;
  while (i < n && load<u8>(p + i) != b) i++;
  return i;
}

/** Append ASCII s at p; returns the new end. */
export function putStr(p: usize, s: string): usize {
  for (let i = 0; i < s.length; i++) store<u8>(p + <usize>i, <u8>s.charCodeAt(i));
  return p + <usize>s.length;
}

export function putBytes(p: usize, src: usize, n: usize): usize { memory.copy(p, src, n); return p + n; }

/** Append v (>= 0) in decimal. */
export function putDec(p: usize, v: i64): usize {
  let n: u64 = <u64>v, len: usize = 1;
  for (let t = n; t >= 10; t /= 10) len++;
  for (let i = len; i > 0; i--) { store<u8>(p + i - 1, <u8>(ZERO + <u8>(n % 10))); n /= 10; }
  return p + len;
}

/** Append v (0..99) as two digits. */
export function put2(p: usize, v: i64): usize {
  store<u8>(p, <u8>(ZERO + <u8>(v / 10))); store<u8>(p + 1, <u8>(ZERO + <u8>(v % 10)));
  return p + 2;
}

/** A decimal number filling [p, p+n), or -1 (empty, a non-digit, too long). */
export function parseDec(p: usize, n: usize): i64 {
  if (n == 0 || n > MAX_DIGITS) return -1;
  let v: i64 = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (!isDigit(c)) return -1;
    v = v * 10 + <i64>(c - ZERO);
  }
  return v;
}

/** The value of hex digit c, or -1. */
export function hexVal(c: u32): i32 {
  if (!isHexDigit(c)) return -1;
  return isDigit(c) ? <i32>(c - ZERO) : <i32>(toLower(c) - 0x61 + 10);
}
