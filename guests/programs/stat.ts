// stat: print a file's status from newfstatat, one "field: value" per line:
//   file: PATH / size: BYTES / mode: OCTAL (TYPE) / inode: N / links: N
// Exit 1 if PATH cannot be looked up: "stat: PATH: ERRNO". Usage: stat PATH
import {
  argc, arg, stat, print, eprint, exit_group, errnoName,
  STAT_SIZE, ST_MODE, ST_SIZE, ST_INO, ST_NLINK, S_IFMT, S_IFDIR, S_IFREG,
} from "../sdk";

const st = memory.data(<i32>STAT_SIZE, 8);

/** The file type words coreutils stat prints for a mode. */
function typeName(mode: u32): string {
  const t = mode & S_IFMT;
  return t == S_IFREG ? "regular file" : t == S_IFDIR ? "directory" : "other";
}

if (argc() != 2) { eprint("usage: stat PATH\n"); exit_group(1); }
const path = arg(1);
const r = stat(path, st);
if (r < 0) { eprint("stat: " + path + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
const mode = load<u32>(st + ST_MODE);
print("file: " + path + "\n");
print("size: " + load<i64>(st + ST_SIZE).toString() + "\n");
print("mode: " + "0" + mode.toString(8) + " (" + typeName(mode) + ")\n");
print("inode: " + load<u64>(st + ST_INO).toString() + "\n");
print("links: " + load<u32>(st + ST_NLINK).toString() + "\n");
exit_group(0);
