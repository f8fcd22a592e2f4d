// Memory benchmark: the host process's resident memory against the machine's RAM size. Each case
// runs in a child process of its own (node dist/bench.mjs --rss-case RAM_MIB TOUCH_MIB), which boots
// a machine of RAM_MIB, runs touchpages over TOUCH_MIB of anonymous memory (if any), and reports its
// VmRSS and VmHWM (/proc/self/status). The figures should follow what the guest touches, not RAM.
// The children take touchpages from the default translation cache, which the parent fills first.
// Interface: memory() reports every figure through report(); rssCase(ramMiB, touchMiB) is the child.
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { Machine, borrowingSink, translateCached } from "../host/index";
import { MiB, guestBytes } from "./guest";
import { report } from "./report";
import { summarize } from "./stats";

const CASES: [number, number][] = [[64, 0], [1024, 0], [4096, 0], [4096, 100], [4096, 300], [1024, 300]];

/** MiB of a /proc/self/status field (VmRSS: resident now, VmHWM: the peak). */
function status(field: string): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
}

/** The child: boot, touch, print one JSON line. */
export async function rssCase(ramMiB: number, touchMiB: number): Promise<void> {
  let out = "";
  const m = await Machine.create({ ramBytes: ramMiB * MiB, net: null, stdin: null,
    stdout: borrowingSink((b) => { out += Buffer.from(b).toString(); }), stderr: () => {} });
  const booted = status("VmRSS");
  if (touchMiB > 0) { await m.spawnPath("/usr/demo/touchpages", ["touchpages", String(touchMiB * 256)]); await m.run(); }
  console.log(JSON.stringify({ frames: m.k.frameCount(), booted, rss: status("VmRSS"), peak: status("VmHWM"), out: out.trim() }));
}

export async function memory(): Promise<void> {
  console.log("\nmemory: the host process's resident memory (VmRSS) with a machine of RAM_MIB booted, then after " +
    "touchpages over TOUCH_MIB (each case in a process of its own)");
  await translateCached(guestBytes("touchpages"));          // the children find it in the default cache: no translator in them
  for (const [ram, touch] of CASES) {
    const r = spawnSync(process.execPath, [process.argv[1], "--rss-case", String(ram), String(touch)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`--rss-case ${ram} ${touch}: exit ${r.status}: ${r.stderr}`);
    const c = JSON.parse(r.stdout.trim().split("\n").pop()!) as { frames: number; booted: number; rss: number; peak: number; out: string };
    if (touch > 0 && c.out !== `touched ${touch * 256} pages`) throw new Error(`touchpages: ${c.out}`);
    console.log(`  RAM ${ram} MiB (${c.frames} frames), touched ${touch} MiB: booted ${c.booted.toFixed(0)} MiB, then ${c.rss.toFixed(0)} MiB (peak ${c.peak.toFixed(0)})`);
    report({ what: `host RSS, RAM ${ram} MiB, ${touch} MiB touched`, value: summarize([c.peak]), unit: "MiB" });
  }
}
