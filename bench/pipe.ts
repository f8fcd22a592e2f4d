// Pipe benchmark: moving a warm file through a pipe to the discard service at 10.0.2.2:9, two ways,
// on a fresh machine each run:
//   splice      splice-cat FILE 10.0.2.2:9: splice(file -> pipe) puts page-cache pages in the pipe's
//               slots, splice(pipe -> socket) hands them to the NIC to gather; no CPU copy.
//   read/write  sh -c "cat FILE | nc 10.0.2.2 9": cat read()s the file and write()s the pipe, nc
//               read()s the pipe and send()s to the socket; four CPU copies of every byte.
// Reported: MB/s of each (run()'s wall time), the ratio splice / read-write taken run by run, and
// the CPU bytes copied by each (the kernel's counters, the last run's).
// Interface: pipe(cacheDir, runs, mib) reports every figure through report().
import { translateCached } from "../host/index";
import { IoMachine, dataImage, guestBytes, MiB } from "./guest";
import { report } from "./report";
import { summarize } from "./stats";

export const PIPE_MIB = 256;
const FILE = "/data/file.bin";

interface Way { label: string; prog: string; argv: string[] }
const WAYS: Way[] = [
  { label: "splice file -> pipe -> socket", prog: "splice-cat", argv: ["splice-cat", FILE, "10.0.2.2:9"] },
  { label: "read/write through a pipe (cat, nc)", prog: "sh", argv: ["sh", "-c", `cat ${FILE} | nc 10.0.2.2 9`] },
];

/** One transfer of the warm file on a fresh machine: MB/s of run()'s wall time, with the kernel's counts. */
async function moveOnce(disk: Uint8Array, size: number, ramBytes: number, w: Way, cacheDir: string) {
  const io = await IoMachine.create({ ramBytes, disk, net: { sg: true } }, cacheDir);
  try {
    io.m.readGuestFile(FILE);                                 // warm page cache
    const s0 = io.m.stats();
    const r = await io.run(w.prog, w.argv);
    const got = io.m.slirp!.services!.discard.connections[0]?.bytes ?? 0;
    if (r.code !== 0 || got !== size) throw new Error(`${w.argv.join(" ")}: exit ${r.code}, discard got ${got} of ${size} bytes: ${r.stderr}`);
    const s = io.m.stats();
    return { mbps: size / 1e3 / r.ms, ms: r.ms, syscalls: s.syscalls - s0.syscalls, cpuCopyBytes: s.cpuCopyBytes - s0.cpuCopyBytes,
      dmaCopyBytes: s.dmaCopyBytes - s0.dmaCopyBytes, switches: s.processSwitches - s0.processSwitches };
  } finally {
    io.m.close();
  }
}

export async function pipe(cacheDir: string, runs: number, mib = PIPE_MIB): Promise<void> {
  const size = mib * MiB, ramBytes = Math.min(1024, 2 * mib + 64) * MiB;
  console.log(`\npipe: a warm ${mib} MiB file through a pipe to the discard service (host side), ` +
    `fresh ${ramBytes / MiB} MiB machine per run, run() wall time; counts are the last run's`);
  const disk = dataImage({ [FILE]: size }, 16 * MiB, ["cat", "nc"]);
  for (const name of ["splice-cat", "sh", "cat", "nc"]) await translateCached(guestBytes(name), cacheDir);   // sh's execs: not timed
  const mbps: number[][] = WAYS.map(() => []);
  const ratio: number[] = [];
  const last: Awaited<ReturnType<typeof moveOnce>>[] = [];
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < WAYS.length; k++) {
      last[k] = await moveOnce(disk, size, ramBytes, WAYS[k], cacheDir);
      mbps[k].push(last[k].mbps);
    }
    ratio.push(last[0].mbps / last[1].mbps);
  }
  WAYS.forEach((w, k) => {
    const l = last[k];
    console.log(`  ${w.label}: ${l.ms.toFixed(0)} ms; ${l.syscalls} syscalls, ${l.cpuCopyBytes} CPU-copied bytes ` +
      `(${(l.cpuCopyBytes / size).toFixed(2)} per byte moved), ${l.dmaCopyBytes} DMA bytes, ${l.switches} process switches`);
    report({ what: `pipe ${mib} MiB, ${w.label}`, value: summarize(mbps[k]), unit: "MB/s" });
    report({ what: `pipe ${mib} MiB, ${w.label}: CPU bytes copied`, value: summarize([l.cpuCopyBytes]), unit: "B" });
  });
  report({ what: "pipe: splice / read-write", value: summarize(ratio), unit: "x" });
}
