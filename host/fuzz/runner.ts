// Runs one serialized fuzz program on a fresh machine (small RAM, a copy of the fuzz image, a NIC)
// and checks the invariants afterwards: no host exception, no kernel panic, the executor ran (it
// exits 0 or dies by a signal), every frame back to its boot owner, the open file table, pipes,
// sockets and process slots back to their boot values, and fsck clean after shutdown. The executor
// may end by any exit code (a program it execve'd chose it) but 97-99, its own "could not start".
// Runs in the caller's thread: the wall-time watchdog for hangs is the pool's (host/fuzz/pool.ts).
// Interface: FailureKind, Outcome, RunOptions, execute(wire, executor, opts) -> Outcome.
import { Machine, KernelPanic } from "../machine";
import { meminfo, pipes, processes } from "../inspect";
import { MemStore } from "../devices/blockstore";
import { fsck } from "../fs/fsck";
import { fuzzImage } from "./image";

export type FailureKind = "panic" | "host-exception" | "hang" | "leak" | "fsck" | "executor";
export interface Outcome {
  ok: boolean;
  kind?: FailureKind;
  detail?: string;            // the panic message, exception, which counter leaked, fsck's problems
  syscalls: number;           // syscalls the kernel served (the executor's own few included)
  exit?: string;              // how the executor ended: "code N" or "signal N"
}
export interface RunOptions { ramBytes?: number; quantum?: number }

interface Counts { frames: string; files: number; sockets: number; pipes: number; procs: number }

function counts(m: Machine): Counts {
  return { frames: JSON.stringify(meminfo(m).byOwner), files: m.k.filesInUse(), sockets: m.k.socketsInUse(),
    pipes: pipes(m).length, procs: processes(m).length };
}

// After shutdown and a cache drop nothing is cached, not even the superblock page mount holds:
// the frames it held at boot count as free.
function leaks(before: Counts, after: Counts): string | null {
  const out: string[] = [];
  const b = JSON.parse(before.frames), a = JSON.parse(after.frames);
  b.free += b.pagecache; b.pagecache = 0;
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`frames: ${fmt(b)} expected, ${fmt(a)} after`);
  for (const k of Object.keys(before) as (keyof Counts)[]) {
    if (k !== "frames" && before[k] !== after[k]) out.push(`${k}: ${before[k]} at boot, ${after[k]} after`);
  }
  return out.length ? out.join("; ") : null;
}

const fmt = (o: Record<string, number>) => Object.entries(o).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(", ");

const fail = (kind: FailureKind, detail: string, syscalls: number, exit?: string): Outcome => ({ ok: false, kind, detail, syscalls, exit });

export async function execute(wire: Uint8Array, executor: Uint8Array, opts: RunOptions = {}): Promise<Outcome> {
  const store = MemStore.copyOf(fuzzImage());
  const m = await Machine.create({ ramBytes: opts.ramBytes ?? 16 << 20, disk: store, stdin: wire, quantum: opts.quantum,
    stdout: () => {}, stderr: () => {} });
  const sys = () => m.stats().syscalls;
  m.dropCaches();                        // the superblock page mount read: not part of the baseline
  const boot = counts(m);
  let pid = 0;
  try {
    pid = await m.spawn(executor, ["fuzz"]);
    await m.run();
  } catch (e) {
    const msg = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    return fail(e instanceof KernelPanic ? "panic" : "host-exception", msg, sys());
  }
  const ex = m.exitOf(pid);
  const exit = !ex ? "none" : ex.signal !== null ? `signal ${ex.signal}` : `code ${ex.code}`;
  if (!ex || (ex.code !== null && ex.code >= 97 && ex.code <= 99)) return fail("executor", `the executor ended with ${exit}`, sys(), exit);
  try {
    m.dropCaches();
    const leak = leaks(boot, counts(m));
    if (leak) return fail("leak", leak, sys(), exit);
    const f = fsck(store);
    if (!f.ok) return fail("fsck", f.problems.slice(0, 5).join("; "), sys(), exit);
  } catch (e) {
    return fail(e instanceof KernelPanic ? "panic" : "host-exception", `after the run: ${String(e)}`, sys(), exit);
  }
  return { ok: true, syscalls: sys(), exit };
}
