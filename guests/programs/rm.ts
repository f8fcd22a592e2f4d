// rm: remove each FILE. A directory needs -r (removes its contents first, depth first) or -d (only
// if empty). -f: a missing FILE is not an error and no operand is fine. Messages and exit status
// (1 if anything failed, after trying the rest) as GNU rm.
// Usage: rm [-rRfd] FILE...
import { Tool, DirList, unlink, rmdir, lstat, S_ISDIR, ST_MODE, STAT_SIZE, Errno } from "../sdk";

const tool = new Tool("rm", "rRfd", "rm [-rRfd] FILE...\nRemove (unlink) the FILE(s).\n" +
  "  -f      ignore nonexistent files, never prompt\n  -r, -R  remove directories and their contents recursively\n" +
  "  -d      remove empty directories\n").parse();
const recursive = tool.has("r") || tool.has("R"), force = tool.has("f");
if (tool.operands.length == 0 && !force) tool.die("missing operand\nTry 'rm --help' for more information.");
const st = memory.data(<i32>STAT_SIZE, 8);

function remove(path: string): void {
  const r = lstat(path, st);
  if (r < 0) { if (!(force && r == -Errno.ENOENT)) tool.fail("cannot remove '" + path + "'", r); return; }
  if (!S_ISDIR(load<u32>(st + ST_MODE))) { check(path, unlink(path)); return; }
  if (!recursive && !tool.has("d")) { tool.warn("cannot remove '" + path + "': Is a directory"); tool.status = 1; return; }
  if (recursive) {
    const d = new DirList(path);
    if (d.err < 0) { tool.fail("cannot remove '" + path + "'", d.err); return; }
    for (let i = 0; i < d.names.length; i++) remove(path + (path.endsWith("/") ? "" : "/") + d.names[i]);
  }
  check(path, rmdir(path));
}

function check(path: string, r: i64): void {
  if (r < 0 && !(force && r == -Errno.ENOENT)) tool.fail("cannot remove '" + path + "'", r);
}

for (let i = 0; i < tool.operands.length; i++) {
  const p = tool.operands[i];
  if (p == "." || p == ".." || p.endsWith("/.") || p.endsWith("/..")) {
    tool.warn("refusing to remove '.' or '..' directory: skipping '" + p + "'"); tool.status = 1; continue;
  }
  remove(p);
}
tool.exit();
