// A text snapshot of what is inside a machine, for `wasmos run --inspect VIEWS`: the views of
// host/inspect.ts as short tables, one section per view.
//   mem        frames by owner            procs      the process table
//   maps       a process's regions        pagetable  a process's present pages (first 64)
//   tlb        the valid TLB entries      pagecache  cached pages by file
//   pipes      each pipe's slots, naming what each slot's frame is (page cache: file and page)
// Interface: SNAPSHOT_VIEWS, parseViews("mem,pipes" | "all") (throws on an unknown name),
// snapshot(m, views, pid) -> text (pid: the process the per-process views show; 0: every process).
import type { Machine } from "./machine";
import { meminfo, processes, regions, pageTable, tlb, pageCache, pipes, frameInfo, inodeName, DETACHED, type OwnerName } from "./inspect";

export const SNAPSHOT_VIEWS = ["mem", "procs", "maps", "pagetable", "tlb", "pagecache", "pipes"] as const;
export type View = (typeof SNAPSHOT_VIEWS)[number];

const PAGE_LINES = 64;
const hex = (n: number) => "0x" + n.toString(16).padStart(8, "0");

export function parseViews(spec: string): View[] {
  const names = spec.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.includes("all")) return [...SNAPSHOT_VIEWS];
  for (const n of names) {
    if (!(SNAPSHOT_VIEWS as readonly string[]).includes(n)) throw new Error(`unknown view '${n}' (use ${SNAPSHOT_VIEWS.join(", ")} or all)`);
  }
  if (names.length === 0) throw new Error(`no view named (use ${SNAPSHOT_VIEWS.join(", ")} or all)`);
  return names as View[];
}

export function snapshot(m: Machine, views: View[], pid: number): string {
  return views.map((v) => `${v}:\n${VIEW[v](m, pid).map((l) => "  " + l).join("\n")}`).join("\n");
}

const pids = (m: Machine, pid: number) => (pid !== 0 ? [pid] : processes(m).map((p) => p.pid));

const VIEW: Record<View, (m: Machine, pid: number) => string[]> = {
  mem: (m) => {
    const i = meminfo(m);
    const owners = (Object.keys(i.byOwner) as OwnerName[]).filter((o) => o !== "free").map((o) => `${o} ${i.byOwner[o]}`);
    return [`frames ${i.total}, free ${i.free}; in use: ${owners.join(", ")}`];
  },
  procs: (m) => {
    const ps = processes(m);
    return ps.length ? ps.map((p) => `pid ${p.pid} (${p.comm || "?"}) ppid ${p.ppid} ${p.state}, brk ${hex(p.brk)}, ${p.regions} regions`) : ["(none)"];
  },
  maps: (m, pid) => pids(m, pid).flatMap((p) => [`pid ${p}:`, ...regions(m, p).map((r) => `  ${hex(r.start)}-${hex(r.end)} ${r.prot} ${r.kind}${r.path ? " " + r.path : ""}`)]),
  pagetable: (m, pid) => pids(m, pid).flatMap((p) => {
    const pt = pageTable(m, p);
    const lines = pt.slice(0, PAGE_LINES).map((e) => `  ${hex(e.va)} -> frame ${e.frame}` +
      `${e.writable ? " w" : ""}${e.cow ? " cow" : ""}${e.accessed ? " accessed" : ""}${e.dirty ? " dirty" : ""}${describe(m, e.frame)}`);
    return [`pid ${p}: ${pt.length} pages present`, ...lines, ...(pt.length > PAGE_LINES ? [`  ... ${pt.length - PAGE_LINES} more`] : [])];
  }),
  tlb: (m) => {
    const t = tlb(m);
    return [`${t.length} valid entries`, ...t.map((e) => `  [${e.index}] page ${hex(e.page)} -> frame ${e.frame}${e.writable ? " w" : ""}`)];
  },
  pagecache: (m) => {
    const files = pageCache(m);
    if (!files.length) return ["(empty)"];
    return files.map((f) => `${fileName(m, f.ino)}: ${f.pages} page${f.pages === 1 ? "" : "s"}, ${f.dirty} dirty, ` +
      `${f.mapped} mapped, ${f.shared} also held elsewhere (pipe, socket, DMA)`);
  },
  pipes: (m) => {
    const ps = pipes(m);
    if (!ps.length) return ["(none)"];
    return ps.flatMap((p) => [`pipe ${p.index}: ${p.readers} readers, ${p.writers} writers, ${p.slots.length}/${p.capacity} slots, ` +
      `${p.bytes} bytes queued, ring in frame ${p.ring}`,
      ...p.slots.map((s, k) => `  slot ${k}: frame ${s.frame} offset ${s.offset} len ${s.len}${s.flags.length ? " " + s.flags.join(",") : ""}${describe(m, s.frame)}`)]);
  },
};

/** The file a page-cache page belongs to: metadata, an inode, or none (detached: truncated or
 *  overwritten while a pipe or mapping held it, freed when its last holder lets go). */
function fileName(m: Machine, ino: number): string {
  if (ino === 0) return "metadata";
  if (ino === DETACHED) return "detached (no file; held by a pipe or mapping)";
  const path = inodeName(m, ino);
  return path ? `inode ${ino} ${path}` : `inode ${ino}`;
}

/** What a frame holds, when it is a page-cache page or a pipe's own page. */
function describe(m: Machine, pfn: number): string {
  const f = frameInfo(m, pfn);
  if (f.owner === "pagecache" && f.data === DETACHED) return ` (page cache: detached, refcount ${f.refcount})`;
  if (f.owner === "pagecache") return f.data === 0 ? ` (page cache: metadata block ${f.index})` : ` (page cache: ${fileName(m, f.data)} page ${f.index}, refcount ${f.refcount})`;
  if (f.owner === "pipe") return " (the pipe's own page)";
  return f.owner === "anon" ? "" : ` (${f.owner})`;
}
