// test and [: file tests (-e -f -d -r -w -x -s -L -h -b -c -p -S), string tests (-n -z = != < >),
// integer comparisons (-eq -ne -lt -le -gt -ge), file comparisons (-nt -ot -ef), ! ( ) -a -o;
// 1 to 4 arguments follow POSIX's rules by count, more are parsed with -o below -a below !.
// Status 0 true, 1 false, 2 on an error ("test: X: unexpected operator", "Illegal number").
//
// Interface: testCmd(argv) -> status   (argv[0] is "test" or "[")
import { stat, lstat, access, isatty, R_OK, W_OK, X_OK, ST_MODE, ST_SIZE, ST_MTIME, ST_MTIME_NSEC,
  ST_DEV, ST_INO, STAT_SIZE, S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFIFO, S_IFSOCK, S_IFLNK, S_IFBLK } from "../../sdk";
import { err } from "./vars";

const sb = memory.data(<i32>STAT_SIZE, 8);
const sb2 = memory.data(<i32>STAT_SIZE, 8);
const UNARY = ["-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-L", "-n", "-p", "-r", "-s", "-S", "-t", "-u", "-w", "-x", "-z"];
const BINARY = ["=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"];

let args: string[] = [];
let pos = 0;
let failed = false;
let cmd = "test";                        // "test" or "[": the name in messages

export function testCmd(argv: string[]): i32 {
  args = argv.slice(1);
  cmd = argv[0];
  if (argv[0] == "[") {
    if (args.length == 0 || args[args.length - 1] != "]") { err("[: missing ]"); return 2; }
    args.pop();
  }
  pos = 0; failed = false;
  const r = byCount(0, args.length);
  if (failed) return 2;
  if (pos < args.length) { bad(args[pos]); return 2; }
  return r ? 0 : 1;
}

function bad(what: string): void {
  if (failed) return;
  failed = true;
  err(cmd + ": " + what + ": unexpected operator");
}

// POSIX's rules for 0 to 4 arguments; longer expressions by the grammar.
function byCount(at: i32, n: i32): bool {
  if (n == 0) { pos = at; return false; }
  if (n == 1) { pos = at + 1; return args[at].length > 0; }
  if (n == 2) {
    if (args[at] == "!") { pos = at + 2; return args[at + 1].length == 0; }
    if (UNARY.includes(args[at])) { pos = at + 2; return unary(args[at], args[at + 1]); }
    if (BINARY.includes(args[at + 1])) { failed = true; err(cmd + ": " + args[at + 1] + ": argument expected"); return false; }
  }
  if (n == 3) {
    if (BINARY.includes(args[at + 1])) { pos = at + 3; return binary(args[at], args[at + 1], args[at + 2]); }
    if (args[at] == "!") return !byCount(at + 1, 2);
    if (args[at] == "(" && args[at + 2] == ")") { pos = at + 3; return args[at + 1].length > 0; }
  }
  if (n == 4 && args[at] == "!") return !byCount(at + 1, 3);
  pos = at;
  return orExpr();
}

function orExpr(): bool {
  let v = andExpr();
  while (pos < args.length && args[pos] == "-o") { pos++; const r = andExpr(); v = v || r; }
  return v;
}

function andExpr(): bool {
  let v = notExpr();
  while (pos < args.length && args[pos] == "-a") { pos++; const r = notExpr(); v = v && r; }
  return v;
}

function notExpr(): bool {
  if (pos < args.length && args[pos] == "!") { pos++; return !notExpr(); }
  return primary();
}

function primary(): bool {
  if (pos >= args.length) { bad(pos > 0 ? args[pos - 1] : "argument expected"); return false; }
  const a = args[pos];
  if (a == "(") {
    pos++;
    const v = orExpr();
    if (pos >= args.length || args[pos] != ")") { bad(pos < args.length ? args[pos] : "("); return false; }
    pos++;
    return v;
  }
  if (pos + 2 < args.length && BINARY.includes(args[pos + 1])) {
    pos += 3;
    return binary(a, args[pos - 2], args[pos - 1]);
  }
  if (UNARY.includes(a) && pos + 1 < args.length) { pos += 2; return unary(a, args[pos - 1]); }
  pos++;
  return a.length > 0;
}

function fileType(path: string, type: u32, follow: bool): bool {
  const r = follow ? stat(path, sb) : lstat(path, sb);
  return r == 0 && (load<u32>(sb + ST_MODE) & S_IFMT) == type;
}

function unary(op: string, x: string): bool {
  if (op == "-n") return x.length > 0;
  if (op == "-z") return x.length == 0;
  if (op == "-e") return stat(x, sb) == 0;
  if (op == "-f") return fileType(x, S_IFREG, true);
  if (op == "-d") return fileType(x, S_IFDIR, true);
  if (op == "-c") return fileType(x, S_IFCHR, true);
  if (op == "-b") return fileType(x, S_IFBLK, true);
  if (op == "-p") return fileType(x, S_IFIFO, true);
  if (op == "-S") return fileType(x, S_IFSOCK, true);
  if (op == "-h" || op == "-L") return fileType(x, S_IFLNK, false);
  if (op == "-r") return access(x, R_OK) == 0;
  if (op == "-w") return access(x, W_OK) == 0;
  if (op == "-x") return access(x, X_OK) == 0;
  if (op == "-s") return stat(x, sb) == 0 && load<i64>(sb + ST_SIZE) > 0;
  if (op == "-t") return isatty(<i32>decimal(x));
  if (op == "-g" || op == "-u" || op == "-k") return stat(x, sb) == 0 && (load<u32>(sb + ST_MODE) & (op == "-u" ? 0o4000 : op == "-g" ? 0o2000 : 0o1000)) != 0;
  return false;
}

function decimal(s: string): i64 {
  const t = s.trim();
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (i == 0 && (c == 0x2d || c == 0x2b)))) {
      if (!failed) { failed = true; err(cmd + ": Illegal number: " + s); }
      return 0;
    }
  }
  if (t.length == 0 || t == "-" || t == "+") { if (!failed) { failed = true; err(cmd + ": Illegal number: " + s); } return 0; }
  return I64.parseInt(t, 10);
}

function mtime(path: string, buf: usize): i64 {
  if (stat(path, buf) != 0) return I64.MIN_VALUE;
  return load<i64>(buf + ST_MTIME) * 1000000000 + load<i64>(buf + ST_MTIME_NSEC);
}

function binary(a: string, op: string, b: string): bool {
  if (op == "=") return a == b;
  if (op == "!=") return a != b;
  if (op == "<") return a < b;
  if (op == ">") return a > b;
  if (op == "-nt") { const x = mtime(a, sb), y = mtime(b, sb2); return x != I64.MIN_VALUE && (y == I64.MIN_VALUE || x > y); }
  if (op == "-ot") { const x = mtime(a, sb), y = mtime(b, sb2); return y != I64.MIN_VALUE && (x == I64.MIN_VALUE || x < y); }
  if (op == "-ef") {
    return stat(a, sb) == 0 && stat(b, sb2) == 0 && load<u64>(sb + ST_DEV) == load<u64>(sb2 + ST_DEV) &&
      load<u64>(sb + ST_INO) == load<u64>(sb2 + ST_INO);
  }
  const x = decimal(a), y = decimal(b);
  if (op == "-eq") return x == y;
  if (op == "-ne") return x != y;
  if (op == "-lt") return x < y;
  if (op == "-le") return x <= y;
  if (op == "-gt") return x > y;
  return x >= y;
}
