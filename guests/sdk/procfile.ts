// Reading /proc's small text files (ps, free, vmstat): the whole file as a string, and the
// number a "Name: value" (meminfo, status) or "name value" (vmstat, stat) line gives.
// Interface: ProcFile(path) -> .text ("" on an error), .err (-errno or 0), .bytes (NULs kept:
// cmdline); .value(name, dflt) the first number after name on its line (dflt when absent).
import { open, read, close } from "./file";
import { O_RDONLY } from "../../kernel/abi/fcntl";
import { PAGE_SIZE } from "../../kernel/abi/layout";

const CHUNK: usize = PAGE_SIZE;                 // a /proc file is at most one page
const chunk = memory.data(<i32>CHUNK);

export class ProcFile {
  text: string = "";
  err: i64 = 0;
  bytes: u8[] = [];

  constructor(path: string) {
    const fd = open(path, O_RDONLY);
    if (fd < 0) this.err = fd;
    else this.slurp(<i32>fd);
    if (this.err == 0) this.text = String.fromCharCodes(this.bytes.map<i32>((b: u8): i32 => <i32>b));
  }

  private slurp(fd: i32): void {
    for (;;) {
      const n = read(fd, chunk, CHUNK);
      if (n < 0) this.err = n;
      if (n <= 0) break;
      for (let i: usize = 0; i < <usize>n; i++) this.bytes.push(load<u8>(chunk + i));
    }
    close(fd);
  }

  /** The number after `name` (then ':' or ' ') at the start of a line, or dflt. */
  value(name: string, dflt: i64 = 0): i64 {
    const t = this.text;
    for (let at = 0; at < t.length; ) {
      const end = t.indexOf("\n", at);
      const next = end < 0 ? t.length : end + 1;
      const sep = at + name.length < t.length ? t.charCodeAt(at + name.length) : 0;
      if (t.startsWith(name, at) && (sep == 0x3a || sep == 0x20)) return numberAt(t, at + name.length + 1, dflt);
      at = next;
    }
    return dflt;
  }
}

/** The decimal number at or after i in t (after blanks), or dflt. */
function numberAt(t: string, i: i32, dflt: i64): i64 {
  while (i < t.length && (t.charCodeAt(i) == 0x20 || t.charCodeAt(i) == 0x09)) i++;
  let v: i64 = 0, any = false;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30); any = true;
  }
  return any ? v : dflt;
}
