// echo: print the arguments separated by spaces and ended by a newline. As GNU echo, leading words
// made only of n, e and E after a '-' are options: -n (no newline), -e (interpret backslash
// escapes: \\ \a \b \c \e \f \n \r \t \v \0NNN \xHH; \c ends all output), -E (do not, the default).
// Usage: echo [-neE] [STRING...]
import { argc, arg, out, outByte, flushOut, exit_group } from "../sdk";

let newline = true, escapes = false;
let first = 1;

// A word of echo options: "-" then only n, e, E.
function isOptions(w: string): bool {
  if (w.length < 2 || w.charCodeAt(0) != 0x2d) return false;
  for (let i = 1; i < w.length; i++) { const c = w.charAt(i); if (c != "n" && c != "e" && c != "E") return false; }
  return true;
}

function octal(c: i32): bool { return c >= 0x30 && c <= 0x37; }
function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  c |= 0x20;
  return c >= 0x61 && c <= 0x66 ? c - 0x61 + 10 : -1;
}

// Print w with escapes interpreted; false after \c (stop everything).
function outEscaped(w: string): bool {
  for (let i = 0; i < w.length; i++) {
    let c = w.charCodeAt(i);
    if (c != 0x5c || i + 1 == w.length) { out(w.charAt(i)); continue; }
    c = w.charCodeAt(++i);
    if (c == 0x63) return false;                                          // \c
    if (c == 0x30 || c == 0x78) { i = numeric(w, i); continue; }          // \0NNN, \xHH
    const at = "\\abefnrtv".indexOf(String.fromCharCode(c));
    if (at < 0) { outByte(0x5c); out(String.fromCharCode(c)); continue; }
    outByte(<u32>[0x5c, 7, 8, 0x1b, 0x0c, 0x0a, 0x0d, 0x09, 0x0b][at]);
  }
  return true;
}

// \0NNN (up to 3 octal digits) or \xHH (1 or 2 hex digits) at w[i]; returns the last index used.
function numeric(w: string, i: i32): i32 {
  let v = 0;
  if (w.charCodeAt(i) == 0x30) {
    let k = 0;
    while (k < 3 && i + 1 < w.length && octal(w.charCodeAt(i + 1))) { v = v * 8 + w.charCodeAt(++i) - 0x30; k++; }
  } else {
    let k = 0;
    while (k < 2 && i + 1 < w.length && hexValue(w.charCodeAt(i + 1)) >= 0) { v = v * 16 + hexValue(w.charCodeAt(++i)); k++; }
    if (k == 0) { out("\\x"); return i; }
  }
  outByte(<u32>(v & 0xff));
  return i;
}

if (argc() == 2 && arg(1) == "--help") {
  out("Usage: echo [-neE] [STRING...]\nEcho the STRING(s) to standard output.\n" +
    "  -n  do not output the trailing newline\n  -e  enable interpretation of backslash escapes\n" +
    "  -E  disable interpretation of backslash escapes (default)\n");
} else {
  for (; first < argc() && isOptions(arg(first)); first++) {
    const w = arg(first);
    for (let i = 1; i < w.length; i++) {
      const c = w.charAt(i);
      if (c == "n") newline = false; else escapes = c == "e";
    }
  }
  let going = true;
  for (let i = first; i < argc() && going; i++) {
    if (i > first) outByte(0x20);
    if (escapes) going = outEscaped(arg(i)); else out(arg(i));
  }
  if (newline && going) outByte(0x0a);
}
flushOut();
exit_group(0);
