// A directory's entry names, read with getdents64 (for rm -r, cp -r, ls).
// Interface: DirList(path) -> .names (without "." and "..", in directory order), .err (-errno or 0).
import { open, close } from "./file";
import { getdents64 } from "./fs";
import { fromCstr } from "./cstring";
import { O_RDONLY, O_DIRECTORY } from "../../kernel/abi/fcntl";
import { D_RECLEN, D_NAME } from "../../kernel/abi/stat";
import { PAGE_SIZE } from "../../kernel/abi/layout";

const DENTS: usize = PAGE_SIZE;             // one getdents64 batch
const dents = memory.data(<i32>DENTS, 8);

export class DirList {
  names: string[] = [];
  err: i64 = 0;

  constructor(path: string) {
    const fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) this.err = fd;
    else { while (this.more(<i32>fd)); close(<i32>fd); }
  }

  // One getdents64 batch; false at the end or on an error.
  private more(fd: i32): bool {
    const n = getdents64(fd, dents, DENTS);
    if (n < 0) this.err = n;
    if (n <= 0) return false;
    for (let off: usize = 0; off < <usize>n; off += load<u16>(dents + off + D_RECLEN)) {
      const name = fromCstr(dents + off + D_NAME);
      if (name != "." && name != "..") this.names.push(name);
    }
    return true;
  }
}
