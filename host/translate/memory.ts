// The guest's memory becomes the kernel's: its own memory (defined or imported) and data segments
// are removed, env.memory (physical RAM: shared, min 0, max 4 GiB, as the kernel declares it; see
// host/machine.ts) is imported in their place and exported as "memory" so the optimizer keeps it.
// The data goes to the loader as segments.
// Interface: guestLimits(decl) -> {initialPages, maxPages}; guestSegments(decls) -> Segment[];
// replaceMemory(module).
import binaryen from "binaryen";
import { MEMORY_EXPORT, MEMORY_IMPORT, MEMORY_NAME } from "./abi";
import type { DataDecl, MemoryDecl } from "./sections";
import type { Segment } from "./types";

const RAM_MAX_PAGES = 65536;      // 4 GiB: a shared memory must declare a maximum

/** The original memory's size in 64 KiB pages; a guest without memory gets 0 and cannot grow. */
export function guestLimits(decl: MemoryDecl | undefined): { initialPages: number; maxPages: number | null } {
  if (!decl) return { initialPages: 0, maxPages: 0 };
  return { initialPages: decl.initial, maxPages: decl.max };
}

/** Active data segments (features.ts has already refused passive ones). */
export function guestSegments(decls: DataDecl[]): Segment[] {
  return decls.map((d) => ({ offset: d.offset ?? 0, data: d.data }));
}

function removeMemoryExports(module: binaryen.Module): void {
  const names: string[] = [];
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen.getExportInfo(module.getExportByIndex(i));
    if (info.kind === binaryen.ExternalMemory) names.push(info.name);
  }
  names.forEach((name) => module.removeExport(name));
}

export function replaceMemory(module: binaryen.Module): void {
  removeMemoryExports(module);
  module.setFeatures(module.getFeatures() | binaryen.Features.Atomics);   // (a shared memory needs it)
  module.setMemory(0, RAM_MAX_PAGES, MEMORY_EXPORT, [], true, false, MEMORY_NAME);
  module.addMemoryImport(MEMORY_NAME, MEMORY_IMPORT.module, MEMORY_IMPORT.base);
}
