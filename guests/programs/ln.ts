// ln: make a link named LINK (or, when the last operand is a directory, DIR/basename of each
// TARGET) to TARGET: a hard link, or a symbolic link with -s. -f removes an existing destination
// first. Messages as GNU ln.
// Usage: ln [-sf] TARGET LINK | ln [-sf] TARGET... DIRECTORY
import { Tool, link, symlink, unlink, stat, baseName, strerror, S_ISDIR, ST_MODE, STAT_SIZE, Errno } from "../sdk";

const tool = new Tool("ln", "sf", "ln [-sf] TARGET LINK_NAME\n  or:  ln [-sf] TARGET... DIRECTORY\n" +
  "Create a link to TARGET with the name LINK_NAME, or links in DIRECTORY.\n" +
  "  -s  make symbolic links instead of hard links\n  -f  remove existing destination files\n").parse();
const ops = tool.operands;
if (ops.length == 0) tool.die("missing file operand\nTry 'ln --help' for more information.");
const st = memory.data(<i32>STAT_SIZE, 8);
const last = ops[ops.length - 1];
const intoDir = ops.length > 1 && stat(last, st) == 0 && S_ISDIR(load<u32>(st + ST_MODE));
if (ops.length > 2 && !intoDir) {
  const r = stat(last, st);
  tool.die("target '" + last + "'" + (r < 0 ? ": " + strerror(<i32>-r) : " is not a directory"));
}

function make(target: string, name: string): void {
  if (tool.has("f")) unlink(name);
  const r = tool.has("s") ? symlink(target, name) : link(target, name);
  if (r >= 0) return;
  if (tool.has("s")) { tool.fail("failed to create symbolic link '" + name + "'", r); return; }
  const t = stat(target, st);
  if (t < 0) tool.fail("failed to access '" + target + "'", t);
  else if (r == -Errno.EEXIST) tool.fail("failed to create hard link '" + name + "'", r);
  else tool.fail("failed to create hard link '" + name + "' => '" + target + "'", r);
}

if (ops.length == 1) make(ops[0], baseName(ops[0]));
else for (let i = 0; i < ops.length - 1; i++) make(ops[i], intoDir ? last + "/" + baseName(ops[i]) : last);
tool.exit();
