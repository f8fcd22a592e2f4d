// sync: write every dirty cached block to the disk (sync(2)); with FILEs, only theirs (fsync each, or
// fdatasync with -d). Exit 1 if a FILE cannot be opened or synced, with GNU sync's messages.
// Usage: sync [-d] [FILE...]
import { Tool, sync, open, close, fsync, fdatasync, strerror, O_RDONLY, O_NONBLOCK } from "../sdk";

const tool = new Tool("sync", "d", "sync [-d] [FILE]...\n" +
  "Synchronize cached writes to persistent storage.\n  -d  sync only file data, no unneeded metadata\n").parse();
if (tool.operands.length == 0) {
  if (tool.has("d")) tool.die("--data needs at least one argument");
  sync();
}
for (let i = 0; i < tool.operands.length; i++) {
  const f = tool.operands[i];
  const fd = open(f, O_RDONLY | O_NONBLOCK);
  if (fd < 0) { tool.warn("error opening '" + f + "': " + strerror(<i32>-fd)); tool.status = 1; continue; }
  const r = tool.has("d") ? fdatasync(<i32>fd) : fsync(<i32>fd);
  if (r < 0) { tool.warn("error syncing '" + f + "': " + strerror(<i32>-r)); tool.status = 1; }
  close(<i32>fd);
}
tool.exit();
