// mkdir: make each DIRECTORY (mode 0777 less the umask, or -m MODE in octal). With -p, missing
// parents are made too and an existing directory is not an error. Exit 1 (after trying the rest)
// if one fails, with GNU's message.
// Usage: mkdir [-p] [-m MODE] DIRECTORY...
import { Tool, mkdir, stat, S_ISDIR, ST_MODE, STAT_SIZE, Errno } from "../sdk";

const tool = new Tool("mkdir", "pm:", "mkdir [-p] [-m MODE] DIRECTORY...\nCreate the DIRECTORY(ies), if they do not already exist.\n" +
  "  -m MODE  set file mode (octal), not a=rwx - umask\n  -p       no error if existing, make parent directories as needed\n").parse();
if (tool.operands.length == 0) tool.die("missing operand\nTry 'mkdir --help' for more information.");
const mode = tool.has("m") ? octal(tool.value("m")) : 0o777;
const st = memory.data(<i32>STAT_SIZE, 8);

// An octal mode of 1 to 4 digits; anything else: "invalid mode", exit 1.
function octal(s: string): u32 {
  let v: u32 = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 7) break;
    v = v * 8 + <u32>d;
    if (i == s.length - 1 && s.length <= 4) return v;
  }
  tool.die("invalid mode '" + s + "'");
  return 0;
}

function isDir(path: string): bool { return stat(path, st) == 0 && S_ISDIR(load<u32>(st + ST_MODE)); }

// Make path and, with -p, its missing parents (an existing one that is not a directory: ENOTDIR,
// as GNU); "mkdir: cannot create directory 'X': ..." on failure.
function make(path: string): void {
  if (tool.has("p")) {
    for (let i = 1; i < path.length; i++) {
      if (path.charAt(i) != "/" || path.charAt(i - 1) == "/") continue;
      const parent = path.substring(0, i);
      let r = mkdir(parent, 0o777);
      if (r == -Errno.EEXIST && !isDir(parent)) r = -Errno.ENOTDIR;
      if (r < 0 && r != -Errno.EEXIST) { report(parent, r); return; }
    }
  }
  const r = mkdir(path, mode);
  if (r == -Errno.EEXIST && tool.has("p") && isDir(path)) return;
  if (r < 0) report(path, r);
}

function report(path: string, r: i64): void { tool.fail("cannot create directory '" + path + "'", r); }

for (let i = 0; i < tool.operands.length; i++) make(tool.operands[i]);
tool.exit();
