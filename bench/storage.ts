// Storage benchmarks: reading a cached file from a guest against the host's own memcpy, the cost of
// one page-cache lookup with little and with much cached, and mkfs of an image from a host folder.
// Interface: storage(cacheDir, runs) reports every figure through report().
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, copyFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distPath } from "../host/index";
import { PcStat } from "../kernel/abi/layout";
import { mkfs, dataBytes } from "../host/fs";
import { IoMachine, dataImage, MiB, type GuestRun } from "./guest";
import type { Memcpy } from "./memcpy";
import { report } from "./report";
import { summarize, repeat, ms } from "./stats";

const BIG = 256 * MiB;              // the throughput file: readfile with 64 KiB reads, cat
const BIG_RAM = 512 * MiB;          // its machine: the whole file stays cached
const REP_BYTES = 64 * MiB;         // the cat-per-page runs read at least this much
const SMALL = 1 * MiB;              // little cached
const LARGE = 512 * MiB;            // much cached: half the 1 GiB machine's RAM (the figures of earlier runs were taken so)
const LOOKUPS = 1 << 17;            // kernel lookups per sample
const MKFS_IMAGE = 256 * MiB;

function check(what: string, r: GuestRun, ok: boolean): void {
  if (r.code !== 0 || !ok) throw new Error(`${what}: exit ${r.code}, stdout ${JSON.stringify(r.stdout.slice(0, 200))}, stderr ${r.stderr}`);
}

/** readfile (read() + FNV-1a per byte) and cat (read() + write to the console) of a warm 256 MiB file.
 *  The console's sink counts the bytes and keeps none (a borrowing sink: no copy, as a file's). */
async function throughput(cacheDir: string, runs: number, copy: Memcpy): Promise<void> {
  console.log(`\nstorage: a warm ${BIG / MiB} MiB file read by a guest with 64 KiB read() calls (${BIG_RAM / MiB} MiB RAM), ` +
    `run() timed to the guest's exit; host memcpy of ${copy.bytes / MiB} MiB next to each run`);
  const io = await IoMachine.create({ ramBytes: BIG_RAM, disk: dataImage({ "/data/big.bin": BIG }), net: null }, cacheDir);
  const readfile = () => io.run("readfile", ["readfile", "/data/big.bin", "65536"]);
  const cat = () => io.run("cat", ["cat", "/data/big.bin"]);
  check("readfile (cold)", await readfile(), true);            // fills the page cache
  check("cat (warm-up)", await cat(), true);
  const mem: number[] = [], rf: number[] = [], rfRatio: number[] = [], ct: number[] = [], ctRatio: number[] = [];
  let line = "";
  for (let i = 0; i < runs; i++) {
    const c = copy.mbps();
    const r = await readfile();
    check("readfile", r, r.stdout.startsWith(`read ${BIG} bytes`));
    const k = await cat();
    check("cat", k, k.stdoutBytes === BIG);
    line = r.stdout.trim();
    const rMBps = BIG / 1e3 / r.ms, kMBps = BIG / 1e3 / k.ms;
    mem.push(c); rf.push(rMBps); rfRatio.push((100 * rMBps) / c); ct.push(kMBps); ctRatio.push((100 * kMBps) / c);
  }
  const hits = io.m.stats().pageCache;
  console.log(`  readfile says: ${line}; page cache ${hits.hits} hits, ${hits.misses} misses in all`);
  report({ what: `host memcpy (Buffer.copy ${copy.bytes / MiB} MiB)`, value: summarize(mem), unit: "MB/s" });
  report({ what: `readfile ${BIG / MiB} MiB warm, 64 KiB reads`, value: summarize(rf), unit: "MB/s" });
  const r = summarize(rfRatio);
  report({ what: "readfile / memcpy", value: r, unit: "%", target: ">= 25%", met: r.median >= 25 });
  report({ what: `cat ${BIG / MiB} MiB warm to the console`, value: summarize(ct), unit: "MB/s" });
  const c = summarize(ctRatio);
  report({ what: "cat / memcpy", value: c, unit: "%", target: ">= 50%", met: c.median >= 50 });
}

/** ns per kernel lookup: execRead of 1 byte at each page (sequential) or of page 0 again and again. */
function lookupNs(io: IoMachine, ino: number, pages: number, samePage: boolean): number {
  const k = io.m.k;
  const t0 = ms();
  for (let n = 0; n < LOOKUPS; n++) k.execRead(ino, samePage ? 0n : BigInt((n % pages) * 4096), 1, 0);
  return ((ms() - t0) * 1e6) / LOOKUPS;
}

/** ns per page of a warm read of the file(s) by cat (argv repeats the file to read N pages in all). */
async function catNsPerPage(io: IoMachine, files: string[], bytes: number): Promise<number> {
  const r = await io.run("cat", ["cat", ...files]);
  check("cat", r, r.stdoutBytes === bytes);
  return (r.ms * 1e6) / (bytes / 4096);
}

/** Lookups with 1 MiB cached, then with 513 MiB cached, on one 1 GiB machine. */
async function lookups(cacheDir: string, runs: number): Promise<void> {
  const lruns = Math.max(runs, 5);                            // kernel lookups: 0.1 to 0.3 s a sample
  console.log(`\npage-cache lookups: ${SMALL / MiB} MiB cached, then ${LARGE / MiB} MiB more, on a 1 GiB machine`);
  const t0 = ms();
  const io = await IoMachine.create({ ramBytes: 1024 * MiB, net: null,
    disk: dataImage({ "/data/small.bin": SMALL, "/data/large.bin": LARGE }) }, cacheDir);
  const small = io.ino("/data/small.bin"), large = io.ino("/data/large.bin");
  const SP = SMALL / 4096, LP = LARGE / 4096, REP = REP_BYTES / SMALL;
  const smallArgv = Array<string>(REP).fill("/data/small.bin");
  io.m.readGuestFile("/data/small.bin");
  await catNsPerPage(io, smallArgv, REP_BYTES);               // warm-up
  const pages = () => io.m.k.pcStats(PcStat.pages);
  console.log(`  ${pages()} pages cached (file data and metadata)`);
  const catSmall = summarize(await repeat(runs, () => catNsPerPage(io, smallArgv, REP_BYTES)));
  report({ what: `cat, 1 MiB cached (file x${REP})`, value: catSmall, unit: "ns/page" });
  const seqSmall = summarize(await repeat(lruns, () => lookupNs(io, small, SP, false)));
  report({ what: "lookup, 1 MiB cached, sequential", value: seqSmall, unit: "ns" });
  report({ what: "lookup, 1 MiB cached, same page", value: summarize(await repeat(lruns, () => lookupNs(io, small, SP, true))), unit: "ns" });

  const t1 = ms();
  io.m.readGuestFile("/data/large.bin");                      // cold: from the disk into the cache
  console.log(`  ${pages()} pages cached after reading ${LARGE / MiB} MiB (${((ms() - t1) / 1000).toFixed(1)} s cold; ` +
    `setup ${((ms() - t0) / 1000).toFixed(1)} s in all)`);
  await catNsPerPage(io, ["/data/large.bin"], LARGE);         // warm-up
  const catLarge = summarize(await repeat(runs, () => catNsPerPage(io, ["/data/large.bin"], LARGE)));
  report({ what: "cat, 513 MiB cached (512 MiB file)", value: catLarge, unit: "ns/page" });
  const seqLarge = summarize(await repeat(lruns, () => lookupNs(io, large, LP, false)));
  report({ what: "lookup, 513 MiB cached, sequential", value: seqLarge, unit: "ns" });
  report({ what: "lookup, 513 MiB cached, same page", value: summarize(await repeat(lruns, () => lookupNs(io, large, LP, true))), unit: "ns" });
  report({ what: "lookup, 1 MiB file, 513 MiB cached", value: summarize(await repeat(lruns, () => lookupNs(io, small, SP, false))), unit: "ns" });
  const ratio = summarize([seqLarge.median / seqSmall.median]);
  report({ what: "lookup 513 MiB / 1 MiB cached", value: ratio, unit: "x", target: "<= 2x (O(1))", met: ratio.median <= 2 });
  report({ what: "cat per page 513 MiB / 1 MiB cached", value: summarize([catLarge.median / catSmall.median]), unit: "x" });
}

/** A host folder like a small root: /bin (every tool), 4 x 32 MiB of data, 200 small files in 20 dirs. */
function makeTree(): { dir: string; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-bench-tree-"));
  let bytes = 0;
  const put = (path: string, data: Uint8Array) => { writeFileSync(join(dir, path), data); bytes += data.length; };
  mkdirSync(join(dir, "bin")); mkdirSync(join(dir, "data")); mkdirSync(join(dir, "src"));
  for (const f of readdirSync(distPath("guests")).filter((f) => f.endsWith(".wasm"))) {
    copyFileSync(distPath("guests", f), join(dir, "bin", f.slice(0, -5)));
  }
  const chunk = dataBytes(32 * MiB);
  for (let i = 0; i < 4; i++) put(`data/part${i}.bin`, chunk);
  for (let d = 0; d < 20; d++) {
    mkdirSync(join(dir, "src", `d${d}`));
    for (let f = 0; f < 10; f++) put(`src/d${d}/f${f}.txt`, dataBytes(1024 * (1 + ((d + f) % 8))));
  }
  return { dir, bytes };
}

async function mkfsFromFolder(runs: number): Promise<void> {
  const { dir, bytes } = makeTree();
  console.log(`\nmkfs: a ${MKFS_IMAGE / MiB} MiB image from a host folder (${(bytes / MiB).toFixed(0)} MiB in 4 big files, ` +
    `200 small files in 20 directories, /bin with every tool); in-memory image, files read from the host's page cache`);
  try {
    mkfs(MKFS_IMAGE, { from: dir });                            // warm-up: JIT, and the folder in the host's cache
    const s = summarize(await repeat(runs, () => { const t0 = ms(); mkfs(MKFS_IMAGE, { from: dir }); return ms() - t0; }));
    report({ what: "mkfs 256 MiB image from a folder", value: s, unit: "ms", target: "< 1000 ms", met: s.median < 1000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function storage(cacheDir: string, runs: number, copy: Memcpy): Promise<void> {
  await throughput(cacheDir, runs, copy);
  await lookups(cacheDir, runs);
  await mkfsFromFolder(runs);
}
