// The zero-copy lab: send one file to the discard service (10.0.2.2:9) with each method, each on a
// fresh machine, and count what the transfer calls cost: mode switches, CPU and DMA copies and
// bytes, page faults, virtual (elapsed) time and CPU time, from the kernel's own counters. The
// netmap row sends UDP datagrams through /dev/netmap instead (the UDP discard service counts them).
// Interface: METHODS, compare(opts) -> CompareRow[], formatCompare(rows, opts) -> text, compareImage(size),
// DATA (the file's path on it).
import { Machine, type NetOptions } from "./machine";
import type { BlkRequest } from "./devices/disk";
import type { NetRequest } from "./devices/nic";
import { mkfs, dataBytes } from "./fs";
import { distPath } from "./paths";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stats, TraceEvent } from "./trace";
import type { CopyEvent } from "./trace/events";
import type { CostModel } from "./costmodel";
import { PerfettoWriter } from "./trace/perfetto";
import { NIOCREGIF, NMREQ_SIZE } from "../kernel/abi/netmap";

export type MethodId = "read+write" | "mmap+write" | "sendfile" | "sendfile+sg-dma" | "splice" | "msg_zerocopy" | "o_direct" | "netmap"
  | "pktpool";

interface Method { id: MethodId; prog: string; sg: boolean; calls: string[]; how: string; udp?: boolean }

// The calls that move the data (not open, close, socket setup); completion reads count for MSG_ZEROCOPY.
export const METHODS: Method[] = [
  { id: "read+write", prog: "read+write", sg: true, calls: ["read", "write"], how: "" },
  { id: "mmap+write", prog: "mmap+write", sg: true, calls: ["mmap", "write"], how: "" },
  { id: "sendfile", prog: "sendfile", sg: false, calls: ["sendfile"], how: "" },
  { id: "sendfile+sg-dma", prog: "sendfile", sg: true, calls: ["sendfile"], how: "" },
  { id: "splice", prog: "splice", sg: true, calls: ["splice"], how: "" },
  { id: "msg_zerocopy", prog: "msg_zerocopy", sg: true, calls: ["read", "sendto", "recvmsg"], how: "" },
  { id: "o_direct", prog: "o_direct", sg: true, calls: ["read", "write"], how: "" },
  // readv into the NIC's mapped buffers, NIOCTXSYNC per ring-full (ppoll only waits for room: not counted)
  { id: "netmap", prog: "netmap", sg: true, calls: ["readv", "ioctl"], how: "", udp: true },
  // the same datagrams from AF_PACKET's PACKET_TX_RING: readv into the ring's frames, one send per ring-full
  { id: "pktpool", prog: "pktpool", sg: true, calls: ["readv", "sendto"], how: "", udp: true },
];

// The setup ioctl among a row's counted calls (netmap's NIOCREGIF, which attaches the NIC, as open
// and connect are setup for the others): its own cost, known from its ABI, taken out of the sums:
// two mode switches and struct nmreq copied in and out.
const isSetup = (name: string, args: bigint[]) => name === "ioctl" && Number(args[1] & 0xffffffffn) === NIOCREGIF;
const SETUP_COST = { modeSwitches: 2, cpuCopies: 2, cpuCopyBytes: 2 * NMREQ_SIZE };

export interface CompareRow {
  method: MethodId; contextSwitches: number; copies: number; cpuCopies: number; dmaCopies: number;
  cpuCopyBytes: number; dmaCopyBytes: number; pageFaults: number; virtualTimeNs: number; cpuTimeNs: number;
  how: string;         // the data copies, in order, e.g. "disk DMA > copy_to_user > copy_from_user > NIC DMA"
  structs: { copies: number; bytes: number; routines: string[] };   // small structure copies (a msghdr,
                       // an iovec, a sockaddr: user <-> a kernel buffer), counted apart from the data's
  intact: boolean;     // the discard service received as many bytes as the file holds
}

export interface CompareOptions {
  size?: number; file?: string; warm?: boolean; sg?: boolean; bufsize?: number;
  costModel?: CostModel;     // kernel costs and device timings (host/costmodel.ts)
  how?: boolean;             // trace the copies to fill `how` (default true; the sweep turns it off: faster)
  perfettoDir?: string;      // write DIR/<method>.json, a Chrome/Perfetto trace of each run
  onDeviceDone?: (method: MethodId, dev: "disk" | "nic", req: BlkRequest | NetRequest) => void;   // each device request, as it completes
  kernel?: WebAssembly.Module;   // another kernel than dist/kernel.wasm (a lab's: host/kernelbuild.ts)
  methods?: MethodId[];      // only these rows (default: every method)
}

export const DATA = "/data/file.bin";

/** The disk image compare() sends from: /usr/demo/send and DATA, a file of `size` known bytes. */
export function compareImage(size: number): Uint8Array {
  return mkfs(Math.max(16 << 20, size * 2 + (8 << 20)), { files: [
    { path: "/usr/demo/send", data: readFileSync(distPath("demos", "send.wasm")), mode: 0o755 },
    { path: DATA, data: dataBytes(size) },
  ] }).bytes;
}

export async function compare(o: CompareOptions = {}): Promise<CompareRow[]> {
  const size = o.size ?? 4096;
  const disk = o.file ? undefined : compareImage(size);
  const rows: CompareRow[] = [];
  for (const m of METHODS) if (!o.methods || o.methods.includes(m.id)) rows.push(await runMethod(m, disk, o.file ?? DATA, o));
  return rows;
}

async function runMethod(m: Method, disk: Uint8Array | undefined, file: string, o: CompareOptions): Promise<CompareRow> {
  const events: TraceEvent[] = [];
  const net: NetOptions = { sg: o.sg ?? m.sg };
  const how = o.how ?? true;
  const perfetto = o.perfettoDir ? new PerfettoWriter() : null;
  const traced = perfetto?.machineOptions();
  const watch = o.onDeviceDone;
  const machine = await Machine.create({ disk, net, stdin: null, traceMask: how ? 7 : 0, keepEvents: false,
    ramBytes: ramFor(o.size ?? 0), costModel: o.costModel, kernel: o.kernel, tap: traced?.tap,
    onEvent: (e) => { if (e.type === "copy" || e.type === "fault" || e.type === "syscall") events.push(e); },
    onDeviceDone: traced || watch ? (dev, req) => { traced?.onDeviceDone(dev, req); watch?.(m.id, dev, req); } : undefined,
    stdout: () => {}, stderr: () => {} });
  perfetto?.attach(machine.k);
  const bin = machine.readGuestFile("/usr/demo/send");
  if (o.warm) machine.readGuestFile(file);          // page cache warm: the file's pages are cached
  const pid = await machine.spawn(bin, ["send", m.prog, file, "10.0.2.2:9", String(o.bufsize ?? 65536)]);
  const start = machine.stats();
  await machine.run();
  const s = machine.stats(pid);
  machine.close();
  if (perfetto) perfetto.save(join(o.perfettoDir!, `${m.id}.json`), { [pid]: `send ${m.prog}` });
  if (s.exitCode !== 0) throw new Error(`compare: ${m.id}: the sender failed (exit ${s.exitCode ?? "signal " + s.signal})`);
  const t = sum(s, m.calls);
  if (m.id === "netmap") { t.modeSwitches -= SETUP_COST.modeSwitches; t.cpuCopies -= SETUP_COST.cpuCopies; t.cpuCopyBytes -= SETUP_COST.cpuCopyBytes; }
  const services = machine.slirp!.services!;
  const received = m.udp ? services.udpDiscard.tally.bytes : services.discard.connections[0]?.bytes;
  return { method: m.id, contextSwitches: t.modeSwitches, copies: t.cpuCopies + t.dmaCopies, cpuCopies: t.cpuCopies,
    dmaCopies: t.dmaCopies, cpuCopyBytes: t.cpuCopyBytes, dmaCopyBytes: t.dmaCopyBytes,
    pageFaults: faults(s) - faults(start), virtualTimeNs: s.virtualTimeNs - start.virtualTimeNs,
    cpuTimeNs: (s.userTimeNs + s.systemTimeNs) - (start.userTimeNs + start.systemTimeNs),
    ...(how ? howCopied(events, m.calls) : { how: "", structs: { copies: 0, bytes: 0, routines: [] } }), intact: received === machine.guestFileSize(file) };
}

// RAM for a file of `size` bytes: the default 64 MiB, or room for the file twice (page cache and a
// mapping or buffers) and the rest of the machine, for the sweep's large sizes.
function ramFor(size: number): number {
  const need = 2 * size + (32 << 20);
  return need <= 64 << 20 ? 64 << 20 : Math.min(1 << 30, Math.ceil(need / (1 << 20)) << 20);
}

function faults(s: Stats): number { return s.pageFaults.minor + s.pageFaults.major + s.pageFaults.cow; }

function sum(s: Stats, calls: string[]) {
  const t = { modeSwitches: 0, cpuCopies: 0, dmaCopies: 0, cpuCopyBytes: 0, dmaCopyBytes: 0 };
  for (const c of calls) {
    const b = s.bySyscall[c];
    if (!b) continue;
    t.modeSwitches += b.modeSwitches; t.cpuCopies += b.cpuCopies; t.dmaCopies += b.dmaCopies;
    t.cpuCopyBytes += b.cpuCopyBytes; t.dmaCopyBytes += b.dmaCopyBytes;
  }
  return t;
}

const LABEL: Record<string, string> = { disk_dma: "disk DMA", nic_dma: "NIC DMA", pagecache_copy: "page cache > socket copy" };

// A CPU copy between user memory and a kernel buffer moves a call's small structure (a msghdr, an
// iovec, a sockaddr, a completion record), not the data: data moves between user memory and frames
// (the page cache, socket or pipe pages), or by DMA.
const isStruct = (e: CopyEvent) => e.agent === "cpu" && ((e.from === "user" && e.to === "kernel") || (e.from === "kernel" && e.to === "user"));

// The distinct kinds of data copy the transfer calls made (directly, through a fault they took, or
// by a device finishing what they queued), in first-seen order; their structure copies apart.
function howCopied(events: TraceEvent[], calls: string[]): Pick<CompareRow, "how" | "structs"> {
  const causes = new Set<number>();
  for (const e of events) if (e.type === "syscall" && calls.includes(e.name) && !isSetup(e.name, e.args)) causes.add(e.seq);
  for (const e of events) if (e.type === "fault" && causes.has(e.cause)) causes.add(e.seq);
  const seen: string[] = [];
  const structs = { copies: 0, bytes: 0, routines: [] as string[] };
  for (const e of events) {
    if (e.type !== "copy" || !causes.has(e.cause)) continue;
    if (isStruct(e)) {
      structs.copies++; structs.bytes += e.bytes;
      if (!structs.routines.includes(e.routine)) structs.routines.push(e.routine);
      continue;
    }
    const name = LABEL[e.routine] ?? e.routine;
    if (!seen.includes(name)) seen.push(name);
  }
  return { how: seen.join(" > "), structs };
}

const COLS: [keyof CompareRow, string][] = [["contextSwitches", "switches"], ["copies", "copies"], ["cpuCopies", "CPU"],
  ["dmaCopies", "DMA"], ["cpuCopyBytes", "CPU bytes"], ["dmaCopyBytes", "DMA bytes"], ["pageFaults", "faults"],
  ["virtualTimeNs", "elapsed us"], ["cpuTimeNs", "CPU us"]];

export function formatCompare(rows: CompareRow[], title: string): string {
  const cell = (r: CompareRow, k: keyof CompareRow) =>
    k === "virtualTimeNs" || k === "cpuTimeNs" ? ((r[k] as number) / 1000).toFixed(1) : String(r[k]);
  const head = ["method".padEnd(16), ...COLS.map(([, h]) => h.padStart(10))].join(" ");
  const lines = rows.map((r) => [r.method.padEnd(16), ...COLS.map(([k]) => cell(r, k).padStart(10))].join(" ") + (r.intact ? "" : "  (bytes lost!)"));
  const how = rows.map((r) => `  ${r.method}: ${r.how || "no copies"}${structText(r.structs)}`);
  return [title, head, "-".repeat(head.length), ...lines, "", "How the copies happened (data; small structure copies apart):", ...how].join("\n");
}

function structText(s: CompareRow["structs"]): string {
  if (s.copies === 0) return "";
  return `; and ${s.copies} structure cop${s.copies === 1 ? "y" : "ies"}, ${s.bytes} bytes (${s.routines.join(", ")})`;
}
