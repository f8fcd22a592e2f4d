// `npm run bench`: how fast guests run on wasmos, against the targets of the performance issue.
//   1. translated vs native (sortbench, sieve, csort)    2. null syscall (getpid)
//   3. process start (API and CLI)             4. translation (translate.ts): cold, cached, slow shapes
//   5. storage (storage.ts)                    6. network (network.ts)       7. http (http.ts)
//   8. pipe (pipe.ts)                          9. fork (fork.ts)             10. memory (memory.ts): host RSS vs RAM
//   11. keepalive (keepalive.ts): httpd through --hostfwd, keep-alive, one request at a time
// Every figure is the median of RUNS runs with min and max; ratios are taken run by run (the
// native and the translated run of a pair follow each other). Both sides are measured in steady
// state: after warm-up runs, with their compiled modules kept alive so V8 reuses its optimized
// (TurboFan) code. Nothing asserts a timing: the summary says whether each target is met.
// Usage: node dist/bench.mjs [--runs N] [--io-runs N] [--net-mib N] [--net-runs N] [--pipe-mib N] [--only SECTION,...]
//                            [--http-clients N] [--httpd FILE.wasm] [--big-mib N] [--ka-requests N]
//   --http-clients N: the http section's parallel clients (default 1); --httpd: another httpd build
//   --big-mib N: bigsend's size (default 1024); --ka-requests N: keepalive's requests per round (5000)
//   SECTION: native, native-light (sortbench and sieve translated with the light effort), syscall, start,
//            translate (translate.ts), storage, network, bigsend (bigsend.ts), http, keepalive, pipe, fork, memory
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, cpus, availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Machine, translate, translateCached, distPath } from "../host/index";
import { cacheStore } from "../host/translate/cache";
import { translation } from "./translate";
import { buildC } from "./cbuild";
import { Sys } from "../kernel/abi/syscalls";
import { NativeRunner } from "./native";
import { summarize, repeat, ms } from "./stats";
import { report, summary } from "./report";
import { Memcpy } from "./memcpy";
import { storage } from "./storage";
import { timeRun } from "./guest";
import { bigsend } from "./bigsend";
import { network, NET_MIB, NET_RUNS } from "./network";
import { http } from "./http";
import { keepAlive, KA_REQUESTS } from "./keepalive";
import { pipe, PIPE_MIB } from "./pipe";
import { fork } from "./fork";
import { memory, rssCase } from "./memory";

const option = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const RUNS = Number(option("--runs") ?? 7);
const IO_RUNS = Number(option("--io-runs") ?? 3);       // the I/O sections: each run takes seconds
const NET_MIB_ARG = Number(option("--net-mib") ?? NET_MIB);  // size of the file the network section sends
const NET_RUNS_ARG = Number(option("--net-runs") ?? NET_RUNS); // the network section's rounds
const PIPE_MIB_ARG = Number(option("--pipe-mib") ?? PIPE_MIB); // size of the file the pipe section moves
const ONLY = option("--only")?.split(",");
// A section runs only after the garbage of the ones before it (their machines, each a RAM of up to
// 1 GiB that V8 counts as external memory) is collected: else V8 collects it during the next
// section's timed runs (in one run, 61 collections during the storage section after the start one).
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const want = (section: string) => { const yes = !ONLY || ONLY.includes(section); if (yes) collect(); return yes; };
const GETPID_N = 2_000_000;
const COMPUTE_TARGET = 2.5;                     // issue 12: translated/native for sortbench, sieve, csort
const SORT_TARGET = 1.8;                        // issue 16: sortbench translated/native (full effort)
const SIEVE_TARGET = 2;                         // issue 16: sieve translated/native (full effort)
const START_TARGET = 1.4;                       // issue 16: `wasmos run hello` wall / `node -e 0`

/** bench/c/csort.c: freestanding C (kernel.syscall only), so it runs both translated and natively. */
function cSort(): Uint8Array<ArrayBuffer> | null {
  return buildC("C sort benchmark", ["csort.c"], ["-O2", "-nostdlib", `-DSYS_WRITE=${Sys.write}`,
    `-DSYS_EXIT_GROUP=${Sys.exit_group}`, "-Wl,--import-memory", "-Wl,--initial-memory=8388608", "-Wl,--export=_start"]);
}
const RAM = 64 << 20;
const cacheDir = mkdtempSync(join(tmpdir(), "wasmos-bench-"));
const keep: WebAssembly.Module[] = [];          // compiled modules V8 may share optimized code with
const demo = (name: string) => readFileSync(distPath(`demos/${name}.wasm`));   // dist/demos: /usr/demo's programs

/** A machine whose console output is collected, with the time of the first write. */
class Bench {
  out: Uint8Array[] = [];
  firstWrite = 0;
  private constructor(readonly m: Machine) {}
  static async create(dir = cacheDir): Promise<Bench> {
    let b: Bench | null = null;
    const m = await Machine.create({ ramBytes: RAM, stdin: null, cacheDir: dir, stderr: () => {},
      stdout: (bytes) => { if (!b!.firstWrite) b!.firstWrite = ms(); b!.out.push(bytes); } });
    return (b = new Bench(m));
  }

  /** Spawn (not timed: load and translation), then time run() until the process exits. */
  async run(bytes: Uint8Array, argv: string[]) {
    this.out = []; this.firstWrite = 0;
    const pid = await this.m.spawn(bytes, argv);
    const calls0 = this.m.stats().syscalls;
    const t = await timeRun(this.m);
    const code = this.m.exitOf(pid)?.code ?? null;
    return { ms: t, code, stdout: Buffer.concat(this.out).toString(), syscalls: this.m.stats().syscalls - calls0 };
  }
}

/** Keep a module compiled from the translation alive, so every spawn shares its tiered-up code. */
async function keepTranslated(bytes: Uint8Array): Promise<void> {
  keep.push(new WebAssembly.Module((await translateCached(bytes, cacheDir)).wasm as Uint8Array<ArrayBuffer>));
}

/** `light`: the guest translated with the effort larger modules get (host/translate/optimize.ts),
 *  put into a cache of its own, to show what that effort costs in compute. */
async function vsNative(name: string, target: number, light = false, bytes: Uint8Array<ArrayBuffer> = demo(name)): Promise<void> {
  const how = light ? "translated with the light effort" : "translated";
  console.log(`\n${name}: ${how} on the machine vs native V8 (own memory, JS syscall stub)`);
  const native = new WebAssembly.Module(bytes);
  keep.push(native);
  const dir = light ? join(cacheDir, "light") : cacheDir;
  if (light) {
    const t = await translate(bytes, { effort: "light" });
    await cacheStore(bytes, t, dir);
    keep.push(new WebAssembly.Module(t.wasm));
  } else {
    await keepTranslated(bytes);
  }
  const b = await Bench.create(dir);
  const runner = new NativeRunner(native);
  const ref = runner.run([name]);
  for (let i = 0; i < 2; i++) { runner.run([name]); await b.run(bytes, [name]); }   // warm-up
  const nat: number[] = [], tr: number[] = [], ratio: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const n = runner.run([name]);
    const t = await b.run(bytes, [name]);
    if (t.stdout !== ref.stdout || t.code !== ref.code) console.log(`  WARNING: translated output ${JSON.stringify(t.stdout)} (exit ${t.code}) differs from native`);
    if (n.stdout !== ref.stdout || n.code !== ref.code) console.log(`  WARNING: native output ${JSON.stringify(n.stdout)} (exit ${n.code}) differs from its first run's`);
    nat.push(n.ms); tr.push(t.ms); ratio.push(t.ms / n.ms);
  }
  console.log(`  output: ${ref.stdout.trim()}`);
  report({ what: `${name} native`, value: summarize(nat), unit: "ms" });
  const what = light ? `${name} translated (light)` : `${name} translated`;
  report({ what, value: summarize(tr), unit: "ms" });
  const r = summarize(ratio);
  report({ what: `${what}/native`, value: r, unit: "x", target: `<= ${target}x`, met: r.median <= target });
}

async function nullSyscall(): Promise<void> {
  console.log(`\nnull syscall: (getpid x${GETPID_N} - getpid x0) / ${GETPID_N}, on the machine`);
  const bytes = demo("getpid");
  await keepTranslated(bytes);
  const b = await Bench.create();
  await b.run(bytes, ["getpid", "100000"]);
  let calls = 0;
  const ns = await repeat(RUNS, async () => {
    const full = await b.run(bytes, ["getpid", String(GETPID_N)]);
    const empty = await b.run(bytes, ["getpid", "0"]);
    calls = full.syscalls - empty.syscalls;
    return ((full.ms - empty.ms) * 1e6) / GETPID_N;
  });
  console.log(`  the kernel counted ${calls} more syscalls with N=${GETPID_N}`);
  const s = summarize(ns);
  report({ what: "getpid from a guest", value: s, unit: "ns/call", target: "<= 150 ns", met: s.median <= 150 });
}

async function processStart(): Promise<void> {
  console.log("\nprocess start: hello.wasm, warm translation cache, spawn() to the first write on stdout");
  const bytes = demo("hello");
  await keepTranslated(bytes);
  const create: number[] = [], fresh: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = ms();
    const b = await Bench.create();
    const t0 = ms();
    await b.m.spawn(bytes, ["hello"]);
    await b.m.run();
    create.push(t0 - c0); fresh.push(b.firstWrite - t0);
  }
  report({ what: "Machine.create (64 MiB)", value: summarize(create), unit: "ms" });
  report({ what: "first process of a new machine", value: summarize(fresh), unit: "ms" });
  const b = await Bench.create();
  await b.run(bytes, ["hello"]);
  report({ what: "next process, same machine", value: summarize(await repeat(RUNS, async () => {
    b.firstWrite = 0; const t0 = ms(); await b.m.spawn(bytes, ["hello"]); await b.m.run(); return b.firstWrite - t0; })), unit: "ms" });

  const cli = distPath("cli.mjs"), hello = distPath("demos/hello.wasm");
  const wall = (args: string[]) => {
    const t0 = ms();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`node ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
    return ms() - t0;
  };
  const bin = distPath("wasmos.cjs");                        // the package's bin: what `wasmos` runs
  wall([cli, "run", hello]); wall([bin, "run", hello]);      // fill the translation and code caches
  const node: number[] = [], run: number[] = [], big: number[] = [], ratio: number[] = [], binRun: number[] = [], binRatio: number[] = [];
  for (let i = 0; i < RUNS; i++) {                            // each ratio from a pair run back to back
    node.push(wall(["-e", "0"]));
    run.push(wall([cli, "run", hello]));
    ratio.push(run[i] / node[i]);
    binRun.push(wall([bin, "run", hello]));
    binRatio.push(binRun[i] / node[i]);
    big.push(wall([cli, "run", "--ram", "4G", hello]));
  }
  report({ what: "node -e 0 (Node start-up alone)", value: summarize(node), unit: "ms" });
  const s = summarize(run), r = summarize(ratio);
  report({ what: "wasmos run hello.wasm (wall)", value: s, unit: "ms", target: "<= 200 ms", met: s.median <= 200 });
  report({ what: "wasmos run hello.wasm / node -e 0", value: r, unit: "x", target: `<= ${START_TARGET}x`, met: r.median <= START_TARGET });
  report({ what: "wasmos run --ram 4G hello.wasm (wall)", value: summarize(big), unit: "ms" });
  const br = summarize(binRatio);
  report({ what: "wasmos (bin, dist/wasmos.cjs) run hello.wasm (wall)", value: summarize(binRun), unit: "ms" });
  report({ what: "wasmos (bin) run hello.wasm / node -e 0", value: br, unit: "x", target: `<= ${START_TARGET}x`, met: br.median <= START_TARGET });
}

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? "?";
  console.log(`wasmos bench, ${new Date().toISOString()}: node ${process.version}, nproc ${availableParallelism()} (${cpu}), ` +
    `load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}, runs=${RUNS}, io-runs=${IO_RUNS}`);
  const t0 = ms();
  try {
    const csort = want("native") || want("native-light") ? cSort() : null;
    if (want("native")) {
      await vsNative("sortbench", SORT_TARGET); await vsNative("sieve", SIEVE_TARGET);
      if (csort) await vsNative("csort", COMPUTE_TARGET, false, csort);
    }
    if (want("native-light")) {
      await vsNative("sortbench", COMPUTE_TARGET, true); await vsNative("sieve", COMPUTE_TARGET, true);
      if (csort) await vsNative("csort", COMPUTE_TARGET, true, csort);
    }
    if (want("syscall")) await nullSyscall();
    if (want("start")) await processStart();
    if (want("translate")) await translation(cacheDir, RUNS);
    const copy = want("storage") || want("network") ? new Memcpy(64 << 20) : null;
    if (want("storage")) await storage(cacheDir, IO_RUNS, copy!);
    if (want("network")) await network(cacheDir, NET_RUNS_ARG, copy!, NET_MIB_ARG);
    if (want("bigsend")) await bigsend(cacheDir, IO_RUNS, Number(option("--big-mib") ?? 1024));
    if (want("http")) await http(cacheDir, IO_RUNS, { clients: Number(option("--http-clients") ?? 1), wasm: option("--httpd") });
    if (want("keepalive")) await keepAlive(Number(option("--io-runs") ?? 5), Number(option("--ka-requests") ?? KA_REQUESTS));
    if (want("pipe")) await pipe(cacheDir, IO_RUNS, PIPE_MIB_ARG);
    if (want("fork")) await fork(cacheDir, RUNS);
    if (want("memory")) await memory();
    console.log(`\nsummary (median of n runs; min .. max), ${((ms() - t0) / 1000).toFixed(0)} s, ` +
      `load average now ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
    console.log(summary());
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const rssArgs = option("--rss-case");                  // a child of the memory section
if (rssArgs) {
  rmSync(cacheDir, { recursive: true, force: true });
  await rssCase(Number(rssArgs), Number(process.argv[process.argv.indexOf("--rss-case") + 2]));
} else await main();
