// Kernel-owned regions a process maps (the documents' fbufs): netmap's region (netmap.ts) and a
// packet socket's transmit ring (pktring.ts). A region is frames the kernel allocated and owns; a
// mapping (VMA kind netmap or pktpool) names it by generation in vma.file and reaches only its
// pages; the region lives while its owner or any mapping holds it.
// Interface: poolPage(kind, gen, pgoff) -> pfn or 0 (the region is gone), poolHold(kind, gen),
// poolRelease(kind, gen).
import { VmaKind } from "../abi/records";
import { pktPage, pktHold, pktRelease } from "./pktring";
import { netmapPage, netmapHold, netmapRelease } from "./netmap";

export function poolPage(kind: u32, gen: u32, pgoff: u32): u32 {
  return kind == VmaKind.netmap ? netmapPage(gen, pgoff) : kind == VmaKind.pktpool ? pktPage(gen, pgoff) : 0;
}
export function poolHold(kind: u32, gen: u32): void {
  if (kind == VmaKind.netmap) netmapHold(gen); else if (kind == VmaKind.pktpool) pktHold(gen);
}
export function poolRelease(kind: u32, gen: u32): void {
  if (kind == VmaKind.netmap) netmapRelease(gen); else if (kind == VmaKind.pktpool) pktRelease(gen);
}
