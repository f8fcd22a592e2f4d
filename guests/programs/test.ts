// test and [: evaluate a POSIX conditional expression; exit 0 if true, 1 if false, 2 on an error
// (GNU's messages: "test: invalid integer 'x'", "[: missing ']'"; -nt, -ot and -ef are not done). Invoked as "[" the last
// argument must be "]". Primaries: -b -c -d -e -f -g -h -L -k -n -p -r -s -S -t -u -w -x -z FILE or
// STRING; S1 = S2, S1 != S2; N1 -eq -ne -lt -le -gt -ge N2; ! E, E -a E, E -o E,
// ( E ). With up to four arguments POSIX's rules by count apply first, as GNU test.
// Usage: test EXPRESSION | [ EXPRESSION ]
import {
  argc, arg, writeString, exit_group, newfstatat, faccessat, cstr, fstat,
  AT_FDCWD, AT_SYMLINK_NOFOLLOW, F_OK, R_OK, W_OK, X_OK,
  STAT_SIZE, ST_MODE, ST_SIZE, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK,
  S_ISUID, S_ISGID, S_ISVTX,
} from "../sdk";

const a0 = arg(0);
const bracket = a0 == "[" || a0.endsWith("/[");
const name = bracket ? "[" : "test";
const st = memory.data(<i32>STAT_SIZE, 8);

function fail(msg: string): void { writeString(2, name + ": " + msg + "\n"); exit_group(2); }

const args: string[] = [];
for (let i = 1; i < argc(); i++) args.push(arg(i));
if (bracket) {
  if (args.length == 1 && (args[0] == "--help" || args[0] == "--version")) exit_group(0);
  if (args.length == 0 || args[args.length - 1] != "]") fail("missing ']'");
  args.pop();
}

function isUnary(op: string): bool {
  return op.length == 2 && op.charAt(0) == "-" && "bcdefghLknprsStuwxz".includes(op.charAt(1));
}
function isBinary(op: string): bool {
  return op == "=" || op == "==" || op == "!=" || op == "-eq" || op == "-ne" ||
    op == "-lt" || op == "-le" || op == "-gt" || op == "-ge" || op == "-nt" || op == "-ot" || op == "-ef";
}

function integer(s: string): i64 {
  let i = 0;
  while (i < s.length && (s.charAt(i) == " " || s.charAt(i) == "\t")) i++;
  let neg = false;
  if (i < s.length && (s.charAt(i) == "-" || s.charAt(i) == "+")) { neg = s.charAt(i) == "-"; i++; }
  const start = i;
  let v: i64 = 0;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) { v = v * 10 + s.charCodeAt(i) - 0x30; i++; }
  while (i < s.length && (s.charAt(i) == " " || s.charAt(i) == "\t")) i++;
  if (i == start || i != s.length) fail("invalid integer '" + s + "'");
  return neg ? -v : v;
}

function statOk(path: string, follow: bool): bool {
  return newfstatat(AT_FDCWD, changetype<usize>(cstr(path)), st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0;
}
function fileType(path: string, t: u32): bool { return statOk(path, true) && (load<u32>(st + ST_MODE) & S_IFMT) == t; }
function fileBit(path: string, b: u32): bool { return statOk(path, true) && (load<u32>(st + ST_MODE) & b) != 0; }

function unary(op: string, x: string): bool {
  const c = op.charAt(1);
  if (c == "n") return x.length > 0;
  if (c == "z") return x.length == 0;
  if (c == "e") return statOk(x, true);
  if (c == "f") return fileType(x, S_IFREG);
  if (c == "d") return fileType(x, S_IFDIR);
  if (c == "b") return fileType(x, S_IFBLK);
  if (c == "c") return fileType(x, S_IFCHR);
  if (c == "p") return fileType(x, S_IFIFO);
  if (c == "S") return fileType(x, S_IFSOCK);
  if (c == "h" || c == "L") return statOk(x, false) && (load<u32>(st + ST_MODE) & S_IFMT) == S_IFLNK;
  if (c == "s") return statOk(x, true) && load<i64>(st + ST_SIZE) > 0;
  if (c == "u") return fileBit(x, S_ISUID);
  if (c == "g") return fileBit(x, S_ISGID);
  if (c == "k") return fileBit(x, S_ISVTX);
  if (c == "r") return faccessat(AT_FDCWD, changetype<usize>(cstr(x)), R_OK) == 0;
  if (c == "w") return faccessat(AT_FDCWD, changetype<usize>(cstr(x)), W_OK) == 0;
  if (c == "x") {                      // as Linux for root too: a file needs an x bit
    if (faccessat(AT_FDCWD, changetype<usize>(cstr(x)), X_OK) != 0 || !statOk(x, true)) return false;
    const m = load<u32>(st + ST_MODE);
    return (m & S_IFMT) == S_IFDIR || (m & <u32>0o111) != 0;
  }
  if (c == "t") return fstat(<i32>integer(x), st) == 0 && (load<u32>(st + ST_MODE) & S_IFMT) == S_IFCHR;   // a terminal: the console
  return faccessat(AT_FDCWD, changetype<usize>(cstr(x)), F_OK) == 0;
}

function binary(x: string, op: string, y: string): bool {
  if (op == "=" || op == "==") return x == y;
  if (op == "!=") return x != y;
  if (op == "-nt" || op == "-ot" || op == "-ef") fail("'" + op + "' is not supported here");
  const a = integer(x), b = integer(y);
  if (op == "-eq") return a == b;
  if (op == "-ne") return a != b;
  if (op == "-lt") return a < b;
  if (op == "-le") return a <= b;
  if (op == "-gt") return a > b;
  return a >= b;
}

// The general grammar (more than four arguments, or inside one of the counted forms).
let pos = 0;
function need(after: string): string { if (pos >= args.length) fail("missing argument after '" + after + "'"); return args[pos++]; }

function primary(): bool {
  if (pos >= args.length) fail("missing argument after '" + args[pos - 1] + "'");
  const t = args[pos];
  if (t == "(") {
    pos++;
    const v = orExpr();
    if (pos >= args.length || args[pos] != ")") fail(pos < args.length ? "')' expected, found '" + args[pos] + "'" : "')' expected");
    pos++;
    return v;
  }
  if (pos + 1 < args.length && isBinary(args[pos + 1])) {
    pos += 2;
    const y = need(args[pos - 1]);
    return binary(t, args[pos - 2], y);
  }
  if (isUnary(t)) { pos++; return unary(t, need(t)); }
  pos++;
  return t.length > 0;
}
function notExpr(): bool {
  let neg = false;
  while (pos < args.length && args[pos] == "!") { pos++; neg = !neg; }
  return neg != primary();
}
function andExpr(): bool {
  let v = notExpr();
  while (pos < args.length && args[pos] == "-a") { pos++; v = notExpr() && v; }
  return v;
}
function orExpr(): bool {
  let v = andExpr();
  while (pos < args.length && args[pos] == "-o") { pos++; v = andExpr() || v; }
  return v;
}

/** POSIX's rules for n arguments from args[at]. */
function counted(at: i32, n: i32): bool {
  if (n == 0) return false;
  if (n == 1) return args[at].length > 0;
  if (n == 2) {
    if (args[at] == "!") return args[at + 1].length == 0;
    if (isUnary(args[at])) return unary(args[at], args[at + 1]);
    if (args[at].length == 2 && args[at].charAt(0) == "-") fail("'" + args[at] + "': unary operator expected");
    fail("missing argument after '" + args[at + 1] + "'");
  }
  if (n == 3) {
    if (isBinary(args[at + 1])) return binary(args[at], args[at + 1], args[at + 2]);
    if (args[at + 1] == "-a" || args[at + 1] == "-o") return general(at);
    if (args[at] == "!") return !counted(at + 1, 2);
    if (args[at] == "(" && args[at + 2] == ")") return args[at + 1].length > 0;
    fail("'" + args[at + 1] + "': binary operator expected");
  }
  if (n == 4) {
    if (args[at] == "!") return !counted(at + 1, 3);
    if (args[at] == "(" && args[at + 3] == ")") return counted(at + 1, 2);
  }
  return general(at);
}

function general(at: i32): bool {
  pos = at;
  const v = orExpr();
  if (pos < args.length) fail("extra argument '" + args[pos] + "'");
  return v;
}

exit_group(counted(0, args.length) ? 0 : 1);
