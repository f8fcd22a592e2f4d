// The machine: RAM (one WebAssembly.Memory), the kernel on it, the console, the devices (a table,
// host/devices/table.ts), and the run loop that lets the kernel's scheduler pick a process and
// runs its guest until it blocks, is preempted, exits or traps. Deterministic: nothing depends on
// wall time, but for the world outside (real network peers, the terminal, a wall-clock bound), let
// in by the rules of host/realtime.ts.
// Interface: Machine.create(opts), spawn(bytes, argv, env) / spawnPath(path, argv, env) -> pid,
// run(), exitOf(pid), stats(pid?), timedOut, hungTasks (host/hung.ts), shutdown(), close(), dropCaches(); readGuestFile(path),
// guestFileSize(path), readUser(pid, va, len), flushTrace(); k / ram for inspection (inspect.ts),
// tracer, disk, nic, slirp, hostPorts, mounted, wallNs; KernelPanic, GuestAbort, signalFor(e); MAX_RAM (4 GiB).
import { FS_VERSION } from "../kernel/abi/fs";
import { instantiateKernel, readKernelString, type KernelExports } from "./kernel";
import { Console, type InputSource, type TerminalOptions } from "./console";
import { stdioSink, type Sink } from "./sink";
import { loadGuest, prepareGuest, installGuest, forkGuest, LoadError, MAX_MODULE_BYTES, type LoaderContext } from "./loader";
import { ASYNCIFY_UNWINDING, WasmException, type Guest } from "./guest";
import { saveWindow, restoreWindow } from "./savearea";
import { Sig } from "../kernel/abi/signals";
import { STATS_BASE, SYSSTATS_BASE, PAGE_SIZE, ARG_BASE, WASM_PAGE, STAGE_SIZE, Stat } from "../kernel/abi/layout";
import { ASYNCIFY_DATA_POS, ASYNCIFY_DATA_END, ASYNCIFY_HEADER_SIZE, ProcState } from "../kernel/abi/records";
import type { Tracer } from "./trace/tracer";
import { decodeRecords } from "./trace/decode";
import { readStats } from "./trace/stats";
import type { Stats, TraceEvent } from "./trace";
import { VirtioBlk, type BlkTiming, type BlkRequest } from "./devices/disk";
import { VirtioNet, type NetTiming, type NetRequest } from "./devices/nic";
import { DeviceTable } from "./devices/table";
import { RealTime, NEVER } from "./realtime";
import { Slirp } from "./net/slirp";
import { PcapWriter } from "./net/pcap";
import { openDisk, type DiskSource } from "./diskimage";
import { Errno } from "../kernel/abi/errno";
import { Cost } from "../kernel/abi/cost";
import { applyKernelCosts, diskTiming, nicTiming, type CostModel } from "./costmodel";
import { hungTask, type HungTask } from "./hung";
import { basename } from "node:path";

export interface MachineOptions {
  ramBytes?: number;           // physical RAM (default 64 MiB, at most MAX_RAM; at 4 GiB the kernel gets all but 64 KiB)
  stdout?: Sink;               // each chunk the guests write to the console's fd 1: a copy, or a view of
  stderr?: Sink;               //   RAM for a borrowingSink (host/sink.ts); default: the host's stdout, stderr
  stdin?: InputSource;         // bytes, a stream (or a function making it on first read), or null (end of file at once)
  traceMask?: number;          // TraceClass bits to record (0: tracing off, counters only)
  strSize?: number;            // strace -s: longest string shown in a trace (default 32)
  onEvent?: (ev: TraceEvent) => void;   // each decoded trace event, in reading order
  keepEvents?: boolean;        // keep every event in machine.tracer.events
  quantum?: number;            // loop iterations per time slice
  cacheDir?: string;           // translation cache
  scramble?: number;           // test aid: allocate frames in a scattered order (a step, e.g. 7919)
  randomSeed?: bigint;         // the kernel's random generator (getrandom); default: a fixed seed
  disk?: DiskSource;           // bytes, a host image path (written in place), null (none); default: the embedded image
  diskTiming?: BlkTiming;      // virtual latency and bandwidth of the disk
  net?: NetOptions | null;     // the virtual NIC and the host side at 10.0.2.2 (null: no NIC)
  costModel?: CostModel;       // kernel costs (set after boot) and device timings (host/costmodel.ts)
  tap?: TraceTap;              // a second trace consumer with its own classes (e.g. the Perfetto export)
  onDeviceDone?: (dev: "disk" | "nic", req: BlkRequest | NetRequest) => void;   // each device request as its interrupt is taken
  timeoutMs?: number;          // wall-clock bound on run(): then every process is killed (SIGKILL), timedOut is set
  wasiDirs?: string[];         // WASI guests: directories of the image preopened after "/" (fd 4, 5, ...)
  wasiNoRoot?: boolean;        // WASI guests: no "/" preopen at fd 3 (the --dir ones start at fd 3)
  pidMax?: number;             // Linux's /proc/sys/kernel/pid_max: pids stay below it (301..32768, default 32768)
  terminal?: TerminalOptions | null;   // a terminal is behind the console (kernel/tty.ts line discipline; host/console.ts)
  kernel?: WebAssembly.Module;  // another kernel than dist/kernel.wasm (a lab's, host/kernelbuild.ts loadKernel)
}

/** A second tracer fed from the same records (its own classes and cuts; the main trace is unchanged). */
export interface TraceTap { classes: number; onEvent: (ev: TraceEvent) => void }

export interface NetOptions {
  sg?: boolean;                // scatter-gather DMA (default on)
  tso?: boolean;               // TCP segmentation offload (default on)
  eventIdx?: boolean;          // EVENT_IDX on the transmit queue: fewer transmit interrupts (default on)
  timing?: NetTiming;
  hostfwd?: string[];          // e.g. "tcp:127.0.0.1:8080-:80": a real host port to a guest port
  guestfwd?: string[];         // e.g. "tcp:10.0.2.2:5000-127.0.0.1:5000": a guest port to a real one
  pcap?: string;               // record every frame on the wire to this file
  discardHash?: boolean;       // the discard service hashes what it gets (tests check fnv, sha256)
  verifyChecksums?: boolean;   // the NIC sums every TCP checksum left to it and the host side checks them
}

export interface ExitInfo { code: number | null; signal: number | null; status: number }

export class KernelPanic extends Error {}

const DEFAULT_QUANTUM = 200_000;
/** The most RAM a machine may have: 4 GiB, all a wasm32 memory can address (65536 pages). */
export const MAX_RAM = 2 ** 32;
const WINDOW_GAP = 16;   // bytes between the unwind window and the end of a 4 GiB memory (window, below)
// Function entries per loop iteration of the budget: a slice also ends after quantum x this many
// ticking calls, and is then charged a whole quantum of user time (else its loop iterations).
const CALLS_PER_ITER = 16;

export class Machine {
  readonly ram: WebAssembly.Memory;
  readonly k: KernelExports;
  private console: Console;
  private guests = new Map<number, Guest>();
  private exits = new Map<number, ExitInfo>();
  private current: Guest | null = null;
  private quantum: number;
  readonly tracer: Tracer | null = null;
  private tapTracer: Tracer | null = null;
  private cacheDir?: string;
  private wasiDirs?: string[];
  private wasiNoRoot?: boolean;
  wallNs = 0n;
  readonly disk: VirtioBlk | null;
  readonly nic: VirtioNet | null = null;
  readonly slirp: Slirp | null = null;
  private readonly devices: DeviceTable;
  private readonly realtime: RealTime;
  readonly mounted: boolean = false;
  private firstPid = 0;
  private panicked: string | null = null;   // the kernel panicked (the message): the machine is down
  timedOut = false;                          // the timeout killed the processes
  interrupted = false;                       // Ctrl-C on the terminal ended the machine (host/console.ts)
  hungTasks: HungTask[] = [];                // every process slept with nothing to wake it: they were killed

  // The tracer (its decoding and strace formatting) is loaded by create() only for a traced machine.
  private constructor(opts: MachineOptions, TracerClass: typeof Tracer | null) {
    const ramBytes = opts.ramBytes ?? 64 << 20;
    if (ramBytes < 8 << 20 || ramBytes % WASM_PAGE !== 0 || ramBytes > MAX_RAM) {
      throw new RangeError(`RAM size must be a multiple of 64 KiB between 8 MiB and 4 GiB (got ${ramBytes})`);
    }
    // One more wasm page than the kernel's RAM: its last KSTACK bytes are the unwind window (below).
    // At 4 GiB, the wasm32 limit, there is none: the window is the RAM's last page, kept from the kernel.
    // The host reserves the memory; it takes host pages only where the kernel or a guest touches it.
    // Shared (one thread uses it all the same): V8 counts an unshared memory's size as external memory,
    // and 64 MiB of it starts a garbage collection in every run (docs/architecture.md, "RAM").
    const pages = Math.min(ramBytes / WASM_PAGE + 1, MAX_RAM / WASM_PAGE);
    const kernelRam = (pages - 1) * WASM_PAGE;
    this.ram = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    const store = openDisk(opts.disk);
    const cm = opts.costModel ?? {};
    this.disk = store ? new VirtioBlk(this.ram, store, opts.diskTiming ?? diskTiming(cm)) : null;
    if (opts.net !== null) {
      const n = opts.net ?? {};
      this.slirp = new Slirp({ discardHash: n.discardHash, verifyChecksums: n.verifyChecksums });
      for (const g of n.guestfwd ?? []) this.slirp.guestFwd(g);
      this.nic = new VirtioNet(this.ram, this.slirp, { features: { sg: n.sg ?? true, tso: n.tso ?? true, eventIdx: n.eventIdx ?? true },
        timing: n.timing ?? nicTiming(cm), pcap: n.pcap ? new PcapWriter(n.pcap) : undefined, fillChecksums: n.verifyChecksums,
        requests: opts.onDeviceDone !== undefined });
    }
    // Interrupts are delivered in table order: the NIC's before the disk's.
    this.devices = new DeviceTable(() => this.k, [this.nic, this.disk], opts.onDeviceDone, virtualClock(this.ram));
    this.quantum = opts.quantum ?? DEFAULT_QUANTUM;
    if (opts.traceMask && TracerClass) {
      this.tracer = new TracerClass({ classes: opts.traceMask, strSize: opts.strSize, keep: opts.keepEvents ?? false,
        readUser: (pid, va, len) => this.readUser(pid, va, len) });
      if (opts.onEvent) this.tracer.onEvent(opts.onEvent);
    }
    if (opts.tap && TracerClass) {
      this.tapTracer = new TracerClass({ classes: opts.tap.classes, strSize: opts.strSize, readUser: (pid, va, len) => this.readUser(pid, va, len) });
      this.tapTracer.onEvent(opts.tap.onEvent);
    }
    this.cacheDir = opts.cacheDir;
    this.wasiDirs = opts.wasiDirs;
    this.wasiNoRoot = opts.wasiNoRoot;
    this.console = new Console(this.ram, () => this.k,
      { stdout: opts.stdout ?? stdioSink(1), stderr: opts.stderr ?? stdioSink(2) }, opts.stdin ?? null,
      opts.terminal ? { ...opts.terminal, onInterrupt: () => { this.interrupted = true; opts.terminal?.onInterrupt?.(); } } : null);
    this.k = this.startKernel(opts.kernel, {
      // Recorded, not thrown: the kernel then executes `unreachable`, a trap that no guest's
      // catch_all can catch (a JS exception could be), and the run loop stops the machine.
      panic: (ptr) => { this.panicked ??= readKernelString(this.ram, ptr >>> 0); },
      unwind: () => this.unwindCurrent(),
      stopRewind: () => this.current!.exports.asyncify_stop_rewind(),
      consoleWrite: (fd, addr, len) => this.console.write(fd, addr >>> 0, len),    // addresses are u32: RAM may pass 2 GiB
      traceFlush: () => this.flushTrace(),
      virtioSetup: (dev, q, addr) => this.devices.setup(dev, q, addr >>> 0),
      virtioNotify: (dev, q) => this.devices.notify(dev, q),
      virtioConfig: (dev, field) => this.devices.config(dev, field),
      virtioWait: (dev) => this.devices.wait(dev),
    });
    this.realtime = new RealTime(this.k, this.nic, this.console, opts.timeoutMs);
    let r: number;
    try { r = this.k.boot(kernelRam); } catch (e) { this.checkPanic(); throw e; }
    if (r !== 0) throw new Error(`kernel boot failed (${r})`);
    this.console.attach();
    applyKernelCosts(this.k, cm);
    if (opts.scramble) this.k.kscramble(opts.scramble);
    if (opts.randomSeed !== undefined) this.k.randomSeed(BigInt.asUintN(64, opts.randomSeed));
    if (opts.pidMax !== undefined && this.k.setPidMax(opts.pidMax) !== 0) throw new RangeError(`pidMax ${opts.pidMax} is outside the range the kernel accepts (kernel/param.ts PID_MAX_MIN, PID_MAX)`);
    if (this.disk) {
      if (this.k.mount() !== 0) throw new Error(`the disk does not hold a wsfs file system of version ${FS_VERSION} (make one with \`wasmos mkfs\`)`);
      this.mounted = true;
    }
    if (this.nic && this.k.netInit() !== 0) throw new Error("the kernel could not start the network card");
    this.k.setTraceMask((opts.traceMask ?? 0) | (opts.tap?.classes ?? 0));
  }

  /** Instantiates kernel.wasm; a panic in its start code (the syscall table's setup) is reported. */
  private startKernel(module: WebAssembly.Module | undefined, host: Parameters<typeof instantiateKernel>[1]): KernelExports {
    try { return instantiateKernel(this.ram, host, module); } catch (e) { this.checkPanic(); throw e; }
  }

  static async create(opts: MachineOptions = {}): Promise<Machine> {
    const tracing = opts.traceMask || opts.tap ? (await import("./trace/tracer")).Tracer : null;
    const m = new Machine(opts, tracing);
    for (const h of opts.net?.hostfwd ?? []) m.hostPorts.push(await m.slirp!.hostFwd(h));
    return m;
  }

  readonly hostPorts: number[] = [];    // the real ports --hostfwd listens on, in order

  private loaderContext(): LoaderContext {
    return { ram: this.ram, k: this.k, cacheDir: this.cacheDir, wasiDirs: this.wasiDirs, wasiNoRoot: this.wasiNoRoot,
      abort: (pid, msg) => { this.k.procKill(pid, Sig.SIGABRT); throw new GuestAbort(msg); } };
  }

  async spawn(bytes: Uint8Array, argv: string[], env: string[] = []): Promise<number> {
    this.checkPanic();
    const g = await loadGuest(this.loaderContext(), bytes, argv, env).catch((e: unknown) => { this.checkPanic(); throw e; });
    this.guests.set(g.pid, g);
    if (this.firstPid === 0) this.firstPid = g.pid;
    return g.pid;
  }

  // Load a program from the guest file system (through the page cache) and spawn it.
  async spawnPath(path: string, argv: string[], env: string[] = []): Promise<number> {
    return this.spawn(this.readInode(this.guestIno(path), path, 0, MAX_MODULE_BYTES), argv, env);
  }

  // A data file's bytes (no size limit but the host's: the bench warms the page cache with it).
  readGuestFile(path: string): Uint8Array { return this.readInode(this.guestIno(path), path, 0, Infinity); }

  // A file's size on the guest file system, without reading it.
  guestFileSize(path: string): number { return Number(this.k.fileSize(this.guestIno(path))); }

  private guestIno(path: string): number {
    const name = Buffer.from(path, "utf8");
    new Uint8Array(this.ram.buffer, this.k.stageAddr(), name.length).set(name);
    const ino = this.k.execLookup(name.length);
    if (ino < 0n) throw new LoadError(`${path}: ${ino === -BigInt(Errno.ENOENT) ? "no such file on the guest file system" : Errno[Number(-ino)]}`, ino === -BigInt(Errno.ENOENT));
    return Number(ino);
  }

  // A file's bytes, read through the page cache (each chunk a CPU copy attributed to execve; with
  // `pid`, to that process's execve call, which its disk reads name as their cause). A program is
  // refused past `limit` (MAX_MODULE_BYTES) before anything is allocated.
  private readInode(ino: number, path: string, pid: number, limit: number): Uint8Array {
    const size = Number(this.k.fileSize(ino));
    if (size > limit) throw new LoadError(`${path}: ${size} bytes: larger than a program may be (${MAX_MODULE_BYTES})`);
    const out = new Uint8Array(size);
    for (let off = 0; off < size; ) {
      const n = Number(this.k.execRead(ino, BigInt(off), STAGE_SIZE, pid));
      if (n <= 0) throw new LoadError(`${path}: read error`);
      out.set(new Uint8Array(this.ram.buffer, this.k.stageAddr(), n), off);
      off += n;
    }
    return out;
  }

  exitOf(pid: number): ExitInfo | undefined { return this.exits.get(pid); }

  // A guest called fork: the kernel copied the address space; copy the guest's globals into a new
  // instance, and the kernel its save area, so both return from the same clone call.
  private fork(pid: number): void {
    const child = this.k.forkPending(pid);
    const parent = this.guests.get(pid);
    if (!parent) { this.k.forkDone(pid, child); return; }      // the parent died: the kernel drops the child
    const g = forkGuest(this.loaderContext(), parent, child);
    if (this.k.forkDone(pid, child) === 0) this.guests.set(child, g);   // else no memory for its save area: EAGAIN
  }

  // A guest called execve: load the program (async: translation), then replace the image, or fail
  // with ENOEXEC and let the old image continue.
  private async exec(pid: number): Promise<void> {
    const old = this.guests.get(pid)!;
    const block = new Uint8Array(this.ram.buffer, this.k.stageAddr(), this.k.execArgLen(pid)).slice();
    const argv0 = argString(block, 0) ?? old.name;
    let prepared;
    try {
      prepared = await prepareGuest(this.loaderContext(), this.readInode(this.k.execPending(pid), argv0, pid, MAX_MODULE_BYTES), argv0);
    } catch (e) {
      if (!(e instanceof LoadError)) throw e;
      this.k.execFail(pid, Errno.ENOEXEC);
      return;
    }
    if (this.k.execBegin(pid) < 0) { this.k.procKill(pid, Sig.SIGKILL); this.retire(old); return; }
    try {
      this.guests.set(pid, installGuest(this.loaderContext(), pid, prepared, block, argv0));
    } catch (e) {
      if (!(e instanceof LoadError)) throw e;
      this.k.procKill(pid, Sig.SIGKILL);       // past the point of no return: the process dies
      this.retire(old);
    }
  }

  // Clean shutdown of the file system: everything written back, the superblock marked clean.
  shutdown(): void { if (this.mounted) this.k.shutdown(); }

  // Close real sockets and listeners (hostfwd, guestfwd) and the pcap file.
  close(): void { this.devices.close(); }

  dropCaches(): number { return this.k.dropCaches(); }

  // Run until every process has exited (or all that are left sleep forever: they are reported in
  // hungTasks and killed).
  // Each turn: take in the terminal's input and the interrupts due; run the process the scheduler
  // picks for a slice; else, nobody runnable, move time on to whatever can happen next.
  async run(): Promise<void> {
    this.checkPanic();
    const t0 = process.hrtime.bigint();
    this.realtime.start();
    try {
      for (;;) {
        if (this.realtime.expired()) { this.timeout(); break; }
        this.console.pump();
        if (this.interrupted) { this.killAll(Sig.SIGKILL); break; }
        this.devices.deliverDue();
        const live = this.realtime.live();       // a real connection is open (host/realtime.ts)
        const pid = this.k.schedule(live ? this.k.clockNowNs() : this.devices.nextIrqAtAfter() ?? NEVER);
        this.retireKilled(pid);
        if (pid !== 0) {
          this.slice(pid);
          this.realtime.sent();
          if (this.k.forkPending(pid)) this.fork(pid);
          else if (this.k.execPending(pid)) await this.exec(pid);
          if (this.realtime.mustYield(live || this.console.interactive())) await this.realtime.yield();
          continue;
        }
        if (this.guests.size === 0) { await this.realtime.linger(() => this.devices.drain()); break; }
        const next = this.devices.nextIrqAtAfter();
        if (live && await this.realtime.sleepReal(next)) continue;     // a sleeper's timer, in real time
        if (next !== null) { this.k.idleUntil(next); continue; }      // idle until a device interrupts
        const outside = this.realtime.outside();                        // a real socket or the terminal
        if (outside) { await outside; continue; }
        this.reportHung();           // deadlock: nobody can ever wake
        this.killAll(Sig.SIGKILL);
      }
    } catch (e) {
      this.checkPanic();             // a trap in kernel code after a panic: report the panic
      throw e;
    } finally {
      this.realtime.stop();
      if (this.guests.size === 0 && this.panicked === null) this.shutdown();
      this.devices.flush();
      this.flushTrace();
      this.tracer?.finish();
      this.tapTracer?.finish();
      this.console.close();
      this.wallNs += process.hrtime.bigint() - t0;
    }
  }

  // Every process sleeps and nothing can wake one: say which and on what (host/hung.ts), as Linux's
  // hung-task detector, before they are killed. The kernel traces and counts each report.
  private reportHung(): void {
    for (const g of this.guests.values()) this.hungTasks.push(hungTask(this.k, g.pid, basename(g.name)));
    this.flushTrace();
  }

  // --timeout ran out: every process dies by SIGKILL (as timeout -s KILL would do).
  private timeout(): void {
    this.timedOut = true;
    this.killAll(Sig.SIGKILL);
  }

  // One slice of a guest: the host's half of the sleep protocol (kernel/sleep.ts draws it).
  private slice(pid: number): void {
    const g = this.guests.get(pid);
    if (!g) throw new KernelPanic(`kernel scheduled pid ${pid}, which has no guest`);
    const budget = g.exports.__budget, calls = g.exports.__calls;
    budget.value = this.quantum;
    calls.value = this.quantum * CALLS_PER_ITER;
    this.current = g;
    try {
      if (g.unwound) { this.k.procResume(pid); g.exports.asyncify_start_rewind(restoreWindow(this.ram, this.k, pid, this.window)); }
      g.exports._start();
      if (g.exports.asyncify_get_state() === ASYNCIFY_UNWINDING) {
        g.exports.asyncify_stop_unwind();
        g.unwound = true;
        if (!saveWindow(this.ram, this.k, pid, this.window)) this.k.procKill(pid, Sig.SIGKILL);   // no memory to keep its stack
      }
      else this.k.procExitCurrent(0);
    } catch (e) {
      this.checkPanic();
      if (e instanceof KernelPanic) throw e;
      this.k.procKill(pid, this.k.procKilled(pid) || signalFor(e));
    } finally {
      this.current = null;
      if (this.panicked === null) { this.chargeUser(budget.value as number, calls.value as number); this.flushTrace(); }
    }
    if (this.k.procState(pid) === ProcState.zombie) this.retire(g);
  }

  // After a kernel panic nothing more runs: every entry point throws the panic's KernelPanic.
  private checkPanic(): void {
    if (this.panicked !== null) throw new KernelPanic(`kernel panic: ${this.panicked}`);
  }

  // User time of a slice: its loop iterations, or a whole quantum when the call budget ended it.
  private chargeUser(left: number, callsLeft: number): void {
    const used = callsLeft < 0 ? this.quantum : this.quantum - Math.max(left, -1);
    if (used > 0) this.k.chargeUserTime(BigInt(used) * this.k.getCost(Cost.userIterNs));
  }

  private retire(g: Guest): void {
    const status = this.k.procStatus(g.pid);
    const sig = status & 0x7f;
    this.exits.set(g.pid, { status, code: sig ? null : (status >> 8) & 0xff, signal: sig || null });
    if (this.k.ppidOf(g.pid) === 0) this.k.procReap(g.pid);     // ours; a forked child waits for wait4
    this.guests.delete(g.pid);
  }

  // schedule() ends a process killed while it slept (a signal woke it): retire its guest, so its
  // parent's wait4 finds a zombie and the run loop does not wait for it. `running` is alive.
  private retireKilled(running: number): void {
    for (const g of this.guests.values()) {
      if (g.pid !== running && this.k.procState(g.pid) === ProcState.zombie) this.retire(g);
    }
  }

  private killAll(sig: number): void {
    for (const g of [...this.guests.values()]) {
      this.k.procKill(g.pid, sig);
      this.retire(g);
    }
  }

  // Asyncify writes a guest's frames into the unwind window, the last KSTACK_SIZE bytes of the wasm
  // memory, past the kernel's RAM: asyncify checks the end of its area only when the unwind stops,
  // so a deep stack writes on past it, and past the window there is nothing: the first such store
  // traps (out of bounds) and the guest dies with SIGSEGV, before anything else was touched. After
  // an unwind the used part goes to the process's own save area (host/savearea.ts, kernel/kstack.ts);
  // a rewind brings it back. Frames hold no addresses, only the two-word header does, and it always
  // names the window: saved areas need no relocation (fork copies them as they are).
  // Asyncify's end pointer is a u32: in a memory of 4 GiB the window ends WINDOW_GAP bytes short of
  // the end (2^32 does not fit), and a store past it lands in the gap or traps past the memory.
  private get window(): number {
    const end = this.ram.buffer.byteLength;
    return end - (this.k.kstackSize.value as number) - (end === MAX_RAM ? WINDOW_GAP : 0);
  }

  // Kernel import: make the running guest unwind once the kernel entry returns.
  private unwindCurrent(): void {
    const g = this.current;
    if (!g) throw new KernelPanic("unwind: no guest is running");
    const w = this.window, view = new DataView(this.ram.buffer);
    view.setUint32(w + ASYNCIFY_DATA_POS, w + ASYNCIFY_HEADER_SIZE, true);
    view.setUint32(w + ASYNCIFY_DATA_END, w + (this.k.kstackSize.value as number), true);
    g.exports.asyncify_start_unwind(w);
  }

  flushTrace(): void {
    const n = this.k.traceCount.value as number;
    if (n === 0) return;
    const raw = decodeRecords(new DataView(this.ram.buffer), this.k.traceBase.value as number, n);
    this.tracer?.push(raw);
    this.tapTracer?.push(raw);
    this.k.traceReset();
  }

  // A process's memory as the tracer and tools see it: never faults; null if a page is not mapped.
  readUser(pid: number, va: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    for (let done = 0; done < len; ) {
      const a = (va + done) >>> 0;
      const phys = this.k.lookup(pid, a);
      if (phys < 0n) return null;
      const n = Math.min(len - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
      out.set(new Uint8Array(this.ram.buffer, Number(phys), n), done);
      done += n;
    }
    return out;
  }

  // The counters (always on), with the exit of process `pid` (default: the first one spawned).
  stats(pid?: number): Stats {
    const k = readStats(new DataView(this.ram.buffer), STATS_BASE, SYSSTATS_BASE);
    const exit = this.exits.get(pid ?? this.firstPid);
    return { ...k, exitCode: exit?.code ?? null, signal: exit?.signal ?? null, wallTimeNs: Number(this.wallNs) };
  }
}

/** The kernel's virtual clock (Stat.virtualTimeNs, a u64 in RAM) in ns as a number, read without a
 *  call into the kernel or a BigInt (the device table asks it per packet). */
function virtualClock(ram: WebAssembly.Memory): () => number {
  const words = new Uint32Array(ram.buffer), at = (STATS_BASE + Stat.virtualTimeNs * 8) / 4;
  return () => words[at] + words[at + 1] * 2 ** 32;
}

export class GuestAbort extends Error {}

// argv[i] from an argument block laid out for ARG_BASE (kernel/abi/layout.ts).
function argString(block: Uint8Array, i: number): string | undefined {
  const v = new DataView(block.buffer, block.byteOffset, block.byteLength);
  if (block.length < 8 || i >= v.getUint32(0, true)) return undefined;
  const at = v.getUint32(4 + 4 * i, true) - ARG_BASE;
  const end = block.indexOf(0, at);
  return Buffer.from(block.subarray(at, end < 0 ? block.length : end)).toString("utf8");
}

// A trap in guest code becomes the signal Linux would send for the same fault.
export function signalFor(e: unknown): number {
  if (e instanceof GuestAbort) return Sig.SIGABRT;
  if (e instanceof WasmException) return Sig.SIGABRT;       // an uncaught exception: abort()
  if (e instanceof RangeError) return Sig.SIGSEGV;                  // call stack exhausted
  const m = e instanceof Error ? e.message : String(e);
  if (/divide by zero|divide result unrepresentable|integer overflow|remainder by zero/i.test(m)) return Sig.SIGFPE;
  if (/unreachable/i.test(m)) return Sig.SIGILL;
  if (/out of bounds|null function|signature mismatch|table index/i.test(m)) return Sig.SIGSEGV;
  if (e instanceof WebAssembly.RuntimeError) return Sig.SIGILL;
  throw e;
}
