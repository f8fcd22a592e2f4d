// The mount points of the pseudo file systems in the root directory, /proc and /dev (procfs.ts):
// the disk has no entries for them, so they are listed after the root's own entries (getdents64
// and WASI's fd_readdir of "/", at directory offsets MOUNT_OFF + i, past any disk offset), and a
// working directory may lie inside them (chdir): p.cwdNode is then the node, p.cwd the root, so a
// relative path starts at the node and one that climbs out with ".." goes on from the root.
// A disk entry of the same name hides the mount point's entry (the lookup still finds the mount).
//
// Interface: MOUNT_OFF, NMOUNTS, mountNode(i) -> node of mount point i (0: hidden by the disk),
// mountName(i, dst) -> its name's length, mountDents(p, f, buf, out, count) -> bytes in buf with
// the mount points' linux_dirent64 records after `out` (or -errno), pseudoChdir(p, node) -> 0 or
// -errno, chdirDisk(p) (the working directory is back on the disk).
import { Errno } from "./abi/errno";
import { ROOT_INO, DT_DIR } from "./abi/fs";
import { PATH_MAX } from "./param";
import { Proc, CWD_OFF } from "./proc";
import { File } from "./file";
import { dirLookup } from "./dir";
import { iget, iput } from "./inode";
import { PNode, isPseudoDir, putDirent, direntName } from "./procfs";
import { nodePathText } from "./procfsgen";

export const MOUNT_OFF: u64 = 1 << 40;   // directory offset of the first mount point's entry
export const NMOUNTS: u32 = 2;           // /proc, /dev
const nameBuf: usize = memory.data(8);

function nameOf(i: u32): string { return i == 0 ? "proc" : "dev"; }

export function mountName(i: u32, dst: usize): i32 {
  const t = nameOf(i);
  for (let c = 0; c < t.length; c++) store<u8>(dst + c, <u8>t.charCodeAt(c));
  return t.length;
}

export function mountNode(i: u32): u32 {
  const n = mountName(i, nameBuf);
  if (dirLookup(ROOT_INO, nameBuf, n) != 0) return 0;
  return i == 0 ? PNode.procRoot : PNode.devRoot;
}

// getdents64 of the root past its disk entries: f.offset moves to MOUNT_OFF + the next mount point.
export function mountDents(p: Proc, f: File, buf: u32, out: u32, count: u32): i64 {
  if (f.offset < MOUNT_OFF) f.offset = MOUNT_OFF;
  while (f.offset < MOUNT_OFF + NMOUNTS) {
    const i = <u32>(f.offset - MOUNT_OFF), node = mountNode(i);
    if (node != 0) {
      const r = putDirent(p, buf, out, count, node, <i64>(f.offset + 1), DT_DIR, mountName(i, direntName));
      if (r < 0) return r;
      if (r == out) break;                      // full: the next call goes on here
      out = <u32>r;
    }
    f.offset++;
  }
  return out;
}

// chdir to a /proc or /dev directory: the cwd's text is the node's path ("/proc/self" is "/proc/PID").
export function pseudoChdir(p: Proc, node: u32): i64 {
  if (!isPseudoDir(node)) return -Errno.ENOTDIR;
  if (p.cwd != 0 && p.cwd != ROOT_INO) {           // (0: no disk, the root all the same)
    if (!iget(ROOT_INO)) return -Errno.ENFILE;
    iput(p.cwd);
    p.cwd = ROOT_INO;
  }
  p.cwdNode = node;
  p.cwdLen = <u32>nodePathText(node, changetype<usize>(p) + CWD_OFF, PATH_MAX);
  return 0;
}

export function chdirDisk(p: Proc): void { p.cwdNode = 0; }
