// Arithmetic expansion: $(( expr )) evaluated in i64 with C's operators and precedence (, is not
// supported; ++ and -- are not either, as in dash): ?: || && | ^ & == != < <= > >= << >> + - * / %
// unary ! ~ + -, parentheses, decimal, octal (0N) and hex (0xN) constants, variable names (unset or
// empty: 0) and assignments (= *= /= %= += -= <<= >>= &= ^= |=).
//
// Interface: arith(expr) -> i64; arithError: "" or dash's message ("division by zero") after it.
import { getVar, setVar } from "./vars";
import { isAlpha, isDigit, isSpace, toLower } from "../../sdk";

export let arithError = "";
let src = "";
let pos = 0;

export function arith(expr: string): i64 {
  arithError = ""; src = expr; pos = 0;
  skip();
  if (pos >= src.length) return 0;
  const v = assign(true);
  skip();
  if (arithError.length == 0 && pos < src.length) fail("expecting EOF");
  return v;
}

function fail(msg: string): void { if (arithError.length == 0) arithError = msg; }

function skip(): void { while (pos < src.length && isSpace(<u32>src.charCodeAt(pos))) pos++; }

/** The operator at pos if it is one of ops (longest first), consumed; "" otherwise. */
function take(ops: string[]): string {
  skip();
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (src.startsWith(o, pos)) {
      const after = pos + o.length < src.length ? src.charCodeAt(pos + o.length) : 0;
      if (after == 0x3d && o != "==" && o != "!=" && o != "<=" && o != ">=" && !o.endsWith("=")) continue;  // a op= form
      pos += o.length;
      return o;
    }
  }
  return "";
}

function assign(ev: bool): i64 {
  skip();
  const save = pos;
  const name = readName();
  if (name.length > 0) {
    const op = take(["<<=", ">>=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "="]);
    if (op.length > 0 && !(op == "=" && pos < src.length && src.charCodeAt(pos) == 0x3d)) {
      const rhs = assign(ev);
      let v = rhs;
      if (op != "=") v = binary(op.substring(0, op.length - 1), varValue(name), rhs, ev);
      if (ev && arithError.length == 0) setVar(name, v.toString());
      return v;
    }
  }
  pos = save;
  return ternary(ev);
}

function ternary(ev: bool): i64 {
  const c = level(0, ev);
  if (take(["?"]).length == 0) return c;
  const a = assign(ev && c != 0);
  if (take([":"]).length == 0) { fail("expecting ':'"); return 0; }
  const b = assign(ev && c == 0);
  return c != 0 ? a : b;
}

const LEVELS: string[][] = [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"],
  ["<<", ">>"], ["+", "-"], ["*", "/", "%"]];

function level(k: i32, ev: bool): i64 {
  if (k == LEVELS.length) return unary(ev);
  let v = level(k + 1, ev);
  for (;;) {
    const save = pos;
    const op = take(LEVELS[k]);
    if (op.length == 0) return v;
    if ((op == "|" || op == "&") && pos < src.length && src.charCodeAt(pos) == op.charCodeAt(0)) { pos = save; return v; }
    if (op == "||") { const r = level(k + 1, ev && v == 0); v = v != 0 || r != 0 ? 1 : 0; continue; }
    if (op == "&&") { const r = level(k + 1, ev && v != 0); v = v != 0 && r != 0 ? 1 : 0; continue; }
    v = binary(op, v, level(k + 1, ev), ev);
  }
  return 0;   // not reached
}

function binary(op: string, a: i64, b: i64, ev: bool): i64 {
  if (op == "+") return a + b;
  if (op == "-") return a - b;
  if (op == "*") return a * b;
  if (op == "/" || op == "%") {
    if (b == 0) { if (ev) fail("division by zero"); return 0; }
    return op == "/" ? a / b : a % b;
  }
  if (op == "<<") return a << b;
  if (op == ">>") return a >> b;
  if (op == "<") return a < b ? 1 : 0;
  if (op == "<=") return a <= b ? 1 : 0;
  if (op == ">") return a > b ? 1 : 0;
  if (op == ">=") return a >= b ? 1 : 0;
  if (op == "==") return a == b ? 1 : 0;
  if (op == "!=") return a != b ? 1 : 0;
  if (op == "&") return a & b;
  if (op == "^") return a ^ b;
  if (op == "|") return a | b;
  return 0;
}

function unary(ev: bool): i64 {
  skip();
  if (pos >= src.length) { fail("expecting primary"); return 0; }
  const c = src.charCodeAt(pos);
  if (c == 0x21) { pos++; return unary(ev) == 0 ? 1 : 0; }
  if (c == 0x7e) { pos++; return ~unary(ev); }
  if (c == 0x2d) { pos++; return -unary(ev); }
  if (c == 0x2b) { pos++; return unary(ev); }
  if (c == 0x28) {
    pos++;
    const v = assign(ev);
    if (take([")"]).length == 0) fail("expecting ')'");
    return v;
  }
  if (isDigit(<u32>c)) return number();
  const name = readName();
  if (name.length > 0) return varValue(name);
  fail("expecting primary");
  return 0;
}

function readName(): string {
  const start = pos;
  while (pos < src.length) {
    const c = <u32>src.charCodeAt(pos);
    if (!(isAlpha(c) || c == 0x5f || (pos > start && isDigit(c)))) break;
    pos++;
  }
  return src.substring(start, pos);
}

function number(): i64 {
  const start = pos;
  while (pos < src.length && (isAlpha(<u32>src.charCodeAt(pos)) || isDigit(<u32>src.charCodeAt(pos)))) pos++;
  const v = parseNumber(src.substring(start, pos));
  if (v == I64.MIN_VALUE) { fail("expecting EOF"); return 0; }
  return v;
}

/** A C integer constant (decimal, 0 octal, 0x hex), I64.MIN_VALUE if malformed. */
export function parseNumber(t: string): i64 {
  let base = 10, i = 0;
  let neg = false;
  if (t.startsWith("-")) { neg = true; i = 1; } else if (t.startsWith("+")) i = 1;
  if (t.length > i + 1 && t.charCodeAt(i) == 0x30) {
    if (toLower(t.charCodeAt(i + 1)) == 0x78) { base = 16; i += 2; } else { base = 8; i++; }
  }
  if (i >= t.length) return base == 8 ? 0 : I64.MIN_VALUE;
  let v: i64 = 0;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const l = <i32>toLower(c);
    const d = isDigit(<u32>c) ? c - 0x30 : l >= 0x61 && l <= 0x7a ? l - 0x61 + 10 : 99;
    if (d >= base) return I64.MIN_VALUE;
    v = v * base + d;
  }
  return neg ? -v : v;
}

function varValue(name: string): i64 {
  const s = getVar(name);
  if (s === null) return 0;
  const t = s.trim();
  if (t.length == 0) return 0;
  const v = parseNumber(t);
  if (v == I64.MIN_VALUE) { fail("Illegal number: " + s); return 0; }
  return v;
}
