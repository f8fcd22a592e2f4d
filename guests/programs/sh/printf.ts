// echo and printf as dash has them. echo: arguments joined by spaces, backslash escapes always
// interpreted (\c ends the output), -n (only as the first argument) drops the newline. printf:
// FORMAT reused while arguments remain; %d %i %o %u %x %X %c %s %b %% with flags (- + space # 0),
// width and precision (numbers or *); numeric arguments may be 'c (the character's code); a bad
// number is reported ("expected numeric value") and the status becomes 1.
//
// Interface: echoCmd(argv) -> status; printfCmd(argv) -> status
import { writeString } from "../../sdk";
import { err } from "./vars";
import { parseNumber } from "./arith";

let stopAll = false;                    // \c seen
let status = 0;

/** Backslash escapes of echo and %b (octal as \0NNN) or of a printf format (\NNN). */
function escapes(s: string, formatStyle: bool): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c != 0x5c || i + 1 >= s.length) { out += s.charAt(i); continue; }
    const d = s.charAt(++i);
    if (d == "n") out += "\n";
    else if (d == "t") out += "\t";
    else if (d == "\\") out += "\\";
    else if (d == "a") out += "\x07";
    else if (d == "b") out += "\x08";
    else if (d == "f") out += "\x0c";
    else if (d == "r") out += "\r";
    else if (d == "v") out += "\x0b";
    else if (d == "c" && !formatStyle) { stopAll = true; return out; }
    else if (d == "\"" && formatStyle) out += "\"";
    else if ((d == "0" && !formatStyle) || (formatStyle && d >= "0" && d <= "7")) {
      let v = 0, k = 0;
      let j = formatStyle ? i : i + 1;
      while (k < 3 && j < s.length && s.charAt(j) >= "0" && s.charAt(j) <= "7") { v = v * 8 + s.charCodeAt(j) - 0x30; j++; k++; }
      out += String.fromCharCode(v & 0xff);
      i = j - 1;
    } else out += "\\" + d;
  }
  return out;
}

export function echoCmd(argv: string[]): i32 {
  stopAll = false;
  let first = 1;
  let newline = true;
  if (argv.length > 1 && argv[1] == "-n") { newline = false; first = 2; }
  let s = "";
  for (let i = first; i < argv.length && !stopAll; i++) {
    if (i > first) s += " ";
    s += escapes(argv[i], false);
  }
  if (newline && !stopAll) s += "\n";
  writeString(1, s);
  return 0;
}

export function printfCmd(argv: string[]): i32 {
  if (argv.length < 2) { err("printf: usage: printf format [arg ...]"); return 2; }
  stopAll = false; status = 0;
  const fmt = argv[1];
  const args = argv.slice(2);
  let next = 0;
  let out = "";
  for (;;) {
    const before = next;
    const r = formatOnce(fmt, args, next);
    out += r.text;
    next = r.next;
    if (stopAll || next >= args.length || next == before) break;
  }
  writeString(1, out);
  return status;
}

class Formatted { constructor(public text: string, public next: i32) {} }

function formatOnce(fmt: string, args: string[], next: i32): Formatted {
  let out = "";
  let i = 0;
  while (i < fmt.length && !stopAll) {
    const c = fmt.charCodeAt(i);
    if (c == 0x5c) {
      let j = i + 1;
      if (j < fmt.length && fmt.charAt(j) >= "0" && fmt.charAt(j) <= "7") { let k = 0; while (k < 3 && j < fmt.length && fmt.charAt(j) >= "0" && fmt.charAt(j) <= "7") { j++; k++; } }
      else j = Math.min(j + 1, fmt.length) as i32;
      out += escapes(fmt.substring(i, j), true);
      i = j;
      continue;
    }
    if (c != 0x25) { out += fmt.charAt(i); i++; continue; }
    if (i + 1 < fmt.length && fmt.charAt(i + 1) == "%") { out += "%"; i += 2; continue; }
    let j = i + 1;
    let flags = "";
    while (j < fmt.length && "-+ #0".includes(fmt.charAt(j))) flags += fmt.charAt(j++);
    let width = -1, prec = -1;
    if (j < fmt.length && fmt.charAt(j) == "*") { width = <i32>number(next < args.length ? args[next++] : ""); j++; }
    else { const s = j; while (j < fmt.length && isDig(fmt.charCodeAt(j))) j++; if (j > s) width = I32.parseInt(fmt.substring(s, j)); }
    if (j < fmt.length && fmt.charAt(j) == ".") {
      j++;
      if (j < fmt.length && fmt.charAt(j) == "*") { prec = <i32>number(next < args.length ? args[next++] : ""); j++; }
      else { const s = j; while (j < fmt.length && isDig(fmt.charCodeAt(j))) j++; prec = j > s ? I32.parseInt(fmt.substring(s, j)) : 0; }
    }
    if (j >= fmt.length) { err("printf: %" + fmt.substring(i + 1) + ": invalid directive"); status = 1; stopAll = true; break; }
    if (width < -1) { flags += "-"; width = -width; }                  // a negative * width
    const conv = fmt.charAt(j);
    const arg = next < args.length ? args[next++] : "";
    const have = next <= args.length;
    out += convert(conv, flags, width, prec, arg, have);
    i = j + 1;
  }
  return new Formatted(out, next);
}

function isDig(c: i32): bool { return c >= 0x30 && c <= 0x39; }

function convert(conv: string, flags: string, width: i32, prec: i32, arg: string, have: bool): string {
  let body = "";
  if (conv == "s") body = prec >= 0 && prec < arg.length ? arg.substring(0, prec) : arg;
  else if (conv == "b") { body = escapes(arg, false); if (prec >= 0 && prec < body.length) body = body.substring(0, prec); }
  else if (conv == "c") body = arg.length > 0 ? arg.charAt(0) : "";
  else if (conv == "d" || conv == "i") body = signed(number(arg), flags, prec);
  else if (conv == "u" || conv == "o" || conv == "x" || conv == "X") body = unsigned(number(arg), conv, flags, prec);
  else { err("printf: %" + conv + ": invalid directive"); status = 1; stopAll = true; return ""; }
  return pad(body, flags, width, (conv != "s" && conv != "b" && conv != "c") && prec < 0);
}

function pad(s: string, flags: string, width: i32, zeroOk: bool): string {
  if (width <= s.length) return s;
  if (flags.includes("-")) return s.padEnd(width);
  if (flags.includes("0") && zeroOk) {
    const sign = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ") ? s.charAt(0) : "";
    const rest = s.substring(sign.length);
    const pre = rest.startsWith("0x") || rest.startsWith("0X") ? rest.substring(0, 2) : "";
    return sign + pre + rest.substring(pre.length).padStart(width - sign.length - pre.length, "0");
  }
  return s.padStart(width);
}

function signed(v: i64, flags: string, prec: i32): string {
  let digits = (v < 0 ? -v : v).toString();
  if (prec >= 0) digits = prec == 0 && v == 0 ? "" : digits.padStart(prec, "0");
  const sign = v < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  return sign + digits;
}

function unsigned(v: i64, conv: string, flags: string, prec: i32): string {
  const u = <u64>v;
  let digits = conv == "o" ? u.toString(8) : conv == "x" ? u.toString(16) : conv == "X" ? u.toString(16).toUpperCase() : u.toString();
  if (prec >= 0) digits = prec == 0 && u == 0 ? "" : digits.padStart(prec, "0");
  if (flags.includes("#") && u != 0) {
    if (conv == "o" && !digits.startsWith("0")) digits = "0" + digits;
    if (conv == "x") digits = "0x" + digits;
    if (conv == "X") digits = "0X" + digits;
  }
  return digits;
}

/** A numeric argument: a C constant, or 'c / "c for a character's code; "" is 0. */
function number(s: string): i64 {
  if (s.length == 0) return 0;
  if (s.startsWith("'") || s.startsWith("\"")) return s.length > 1 ? s.charCodeAt(1) : 0;
  const v = parseNumber(s.trim());
  if (v == I64.MIN_VALUE) {
    err("printf: " + s + ": expected numeric value");
    status = 1;
    let k = 0, n: i64 = 0;
    const t = s.trim();
    while (k < t.length && isDig(t.charCodeAt(k))) { n = n * 10 + t.charCodeAt(k) - 0x30; k++; }
    return n;
  }
  return v;
}
