// rmdir: remove each empty DIRECTORY; with -p, then each of its parents named in the path, as GNU
// rmdir. Exit 1 (after trying the rest) if one fails: "rmdir: failed to remove 'X': ...".
// Usage: rmdir [-p] DIRECTORY...
import { Tool, rmdir, trimSlashes } from "../sdk";

const tool = new Tool("rmdir", "p", "rmdir [-p] DIRECTORY...\nRemove the DIRECTORY(ies), if they are empty.\n" +
  "  -p  remove DIRECTORY and its ancestors; e.g., 'rmdir -p a/b' is similar to 'rmdir a/b a'\n").parse();
if (tool.operands.length == 0) tool.die("missing operand\nTry 'rmdir --help' for more information.");

function remove(path: string): bool {
  const r = rmdir(path);
  if (r < 0) return tool.fail("failed to remove '" + path + "'", r);
  return true;
}

for (let i = 0; i < tool.operands.length; i++) {
  let p = trimSlashes(tool.operands[i]);
  if (!remove(p) || !tool.has("p")) continue;
  for (let cut = p.lastIndexOf("/"); cut > 0; cut = p.lastIndexOf("/")) {
    p = trimSlashes(p.substring(0, cut));
    if (!remove(p)) break;
  }
}
tool.exit();
