// mv: rename SOURCE to DEST with renameat, or move each SOURCE into the directory DEST (across
// directories: a directory moves with its contents, its ".." following it). An existing DEST is
// replaced (a file by a file, an empty directory by a directory); -f is accepted (mv never prompts
// here). Nothing is copied across file systems (wasmos has one). Messages and exit status (1 if
// anything failed, after trying the rest) as GNU mv.
// Usage: mv [-f] SOURCE DEST | mv [-f] SOURCE... DIRECTORY
import { Tool, rename, stat, lstat, baseName, trimSlashes, S_ISDIR, ST_MODE, ST_INO, STAT_SIZE, Errno } from "../sdk";

const st = memory.data(<i32>STAT_SIZE, 8);
const tool = new Tool("mv", "f", "mv [OPTION]... SOURCE DEST\n  or:  mv [OPTION]... SOURCE... DIRECTORY\n" +
  "Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n  -f  do not prompt before overwriting\n").parse();

function join(dir: string, name: string): string { return dir.endsWith("/") ? dir + name : dir + "/" + name; }

/** Why src cannot go to dst, as GNU mv words it; "" if nothing stands in the way. */
function obstacle(src: string, dst: string, srcMode: u32, srcIno: u64): string {
  const dr = lstat(dst, st);
  if (dr >= 0 && load<u64>(st + ST_INO) == srcIno) return "'" + src + "' and '" + dst + "' are the same file";
  const s = trimSlashes(src) + "/";
  if (S_ISDIR(srcMode) && (trimSlashes(dst) + "/").startsWith(s)) return "cannot move '" + src + "' to a subdirectory of itself, '" + dst + "'";
  if (dr < 0) return "";
  const dstDir = S_ISDIR(load<u32>(st + ST_MODE));
  if (S_ISDIR(srcMode) && !dstDir) return "cannot overwrite non-directory '" + dst + "' with directory '" + src + "'";
  if (!S_ISDIR(srcMode) && dstDir) return "cannot overwrite directory '" + dst + "' with non-directory";
  return "";
}

function move(src: string, dst: string): void {
  const r = lstat(src, st);
  if (r < 0) { tool.fail("cannot stat '" + src + "'", r); return; }
  const why = obstacle(src, dst, load<u32>(st + ST_MODE), load<u64>(st + ST_INO));
  if (why != "") { tool.warn(why); tool.status = 1; return; }
  const m = rename(src, dst);
  if (m < 0) tool.fail("cannot move '" + src + "' to '" + dst + "'", m);
}

const ops = tool.operands;
if (ops.length == 0) tool.die("missing file operand\nTry 'mv --help' for more information.");
if (ops.length == 1) tool.die("missing destination file operand after '" + ops[0] + "'\nTry 'mv --help' for more information.");
const dest = ops[ops.length - 1];
const dr = stat(dest, st);
const intoDir = dr >= 0 && S_ISDIR(load<u32>(st + ST_MODE));
if (ops.length > 2 && !intoDir) {
  tool.fail("target '" + dest + "'", dr < 0 ? dr : -Errno.ENOTDIR);
  tool.exit();
}
for (let i = 0; i + 1 < ops.length; i++) move(ops[i], intoDir ? join(dest, baseName(ops[i])) : dest);
tool.exit();
