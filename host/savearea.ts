// A process's asyncify save area as the host sees it: after an unwind, the unwind window's used part
// (header and frames) goes into the process's save-area frames in kernel memory, page by page (the
// frames need not be contiguous, kernel/kstack.ts); before a rewind it comes back. The data names
// only window addresses, so it needs no relocation.
// Interface: saveWindow(ram, k, pid, window) -> false when the kernel has no memory for it,
// restoreWindow(ram, k, pid, window) -> the window's address (asyncify_start_rewind's argument).
import { PAGE_SIZE } from "../kernel/abi/layout";
import { ASYNCIFY_DATA_POS } from "../kernel/abi/records";
import type { KernelExports } from "./kernel";

type Ram = WebAssembly.Memory;

// Copy `used` bytes between the window and pid's save area, one page of the area at a time.
function copyPages(ram: Ram, k: KernelExports, pid: number, w: number, used: number, toSave: boolean): void {
  const bytes = new Uint8Array(ram.buffer);
  for (let off = 0, i = 0; off < used; off += PAGE_SIZE, i++) {
    const page = k.kstackPage(pid, i) >>> 0, n = Math.min(PAGE_SIZE, used - off);
    if (page === 0) throw new Error(`save area of pid ${pid}: page ${i} missing`);
    if (toSave) bytes.copyWithin(page, w + off, w + off + n);
    else bytes.copyWithin(w + off, page, page + n);
  }
}

export function saveWindow(ram: Ram, k: KernelExports, pid: number, w: number): boolean {
  const used = new DataView(ram.buffer).getUint32(w + ASYNCIFY_DATA_POS, true) - w;
  if (k.kstackGrow(pid, used) < 0) return false;
  copyPages(ram, k, pid, w, used, true);
  return true;
}

export function restoreWindow(ram: Ram, k: KernelExports, pid: number, w: number): number {
  const used = new DataView(ram.buffer).getUint32((k.kstackPage(pid, 0) >>> 0) + ASYNCIFY_DATA_POS, true) - w;
  copyPages(ram, k, pid, w, used, false);
  return w;
}
