// 1 GiB sent by sendfile with scatter-gather DMA on wasmos against Linux's own sendfile on this
// machine (issue 16's target: >= 25%). wasmos: a fresh machine whose page cache is cold, the file
// on its virtual disk (which lives in host memory), to the discard service. Linux: the same size
// from a file in the host's page cache (warm: the virtual disk is memory too, so a cold native read
// from the real disk would measure the disk), by bench/c/sendfile_native.c in 64 KiB calls, over
// loopback to a counting server in this process. Both timed from the start of the send to its last
// byte at the receiver; the ratio is taken run by run.
// Interface: bigsend(cacheDir, runs, mib) reports every figure through report().
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../host/paths";
import { dataBytes } from "../host/fs";
import { IoMachine, dataImage, MiB } from "./guest";
import { report } from "./report";
import { summarize } from "./stats";

const FILE = "/data/big.bin";

/** Linux's sendfile of `path` to a local TCP sink: MB/s, or null (with the reason printed). */
async function nativeOnce(exe: string, path: string, size: number): Promise<number | null> {
  let got = 0, t0 = 0;
  const done = new Promise<number>((resolve) => {
    const server = createServer((c) => {
      c.on("data", (b) => { got += b.length; });
      c.on("end", () => { server.close(); resolve(performance.now() - t0); });
    });
    server.listen(0, "127.0.0.1", () => {
      t0 = performance.now();
      const child = spawn(exe, [path, String((server.address() as AddressInfo).port)], { stdio: ["ignore", "ignore", "inherit"] });
      child.on("error", (e) => { console.log(`  native sendfile: ${e.message}`); server.close(); resolve(-1); });
      child.on("exit", (code) => { if (code !== 0) { server.close(); resolve(-1); } });
    });
  });
  const ms = await done;
  if (ms < 0 || got !== size) { console.log(`  native sendfile failed: ${got} of ${size} bytes`); return null; }
  return size / 1e3 / ms;
}

/** wasmos: sendfile with SG of the file from a cold page cache to the discard service: MB/s. */
async function wasmosOnce(disk: Uint8Array, size: number, cacheDir: string): Promise<number> {
  const io = await IoMachine.create({ ramBytes: size + 512 * MiB, disk, net: { sg: true } }, cacheDir);
  try {
    const r = await io.run("send", ["send", "sendfile", FILE, "10.0.2.2:9", "65536"]);
    const got = io.m.slirp!.services!.discard.connections[0]?.bytes ?? 0;
    if (r.code !== 0 || got !== size) throw new Error(`send sendfile: exit ${r.code}, discard got ${got} of ${size} bytes: ${r.stderr}`);
    return size / 1e3 / r.ms;
  } finally {
    io.m.close();
  }
}

export async function bigsend(cacheDir: string, runs: number, mib = 1024): Promise<void> {
  const size = mib * MiB;
  console.log(`\nbigsend: ${mib} MiB by sendfile with SG, wasmos (cold page cache, fresh machine) against Linux's sendfile (warm page cache, loopback)`);
  const dir = mkdtempSync(join(tmpdir(), "wasmos-bigsend-"));
  try {
    const exe = join(dir, "sendfile_native");
    const cc = spawnSync("gcc", ["-O2", "-o", exe, join(projectRoot(), "bench/c/sendfile_native.c")], { encoding: "utf8" });
    if (cc.error || cc.status !== 0) { console.log(`  skipped: gcc failed (${cc.error?.message ?? cc.stderr.trim()})`); return; }
    const path = join(dir, "big.bin");
    writeFileSync(path, dataBytes(size));                    // written now: in the page cache
    const disk = dataImage({ [FILE]: size });
    const native: number[] = [], ours: number[] = [], ratio: number[] = [];
    for (let i = 0; i < runs; i++) {
      const n = await nativeOnce(exe, path, size);
      if (n === null) return;
      const w = await wasmosOnce(disk, size, cacheDir);
      native.push(n); ours.push(w); ratio.push((100 * w) / n);
    }
    report({ what: `Linux sendfile ${mib} MiB, loopback`, value: summarize(native), unit: "MB/s" });
    report({ what: `wasmos sendfile sg on ${mib} MiB, cold`, value: summarize(ours), unit: "MB/s" });
    const r = summarize(ratio);
    report({ what: `${mib} MiB sendfile, wasmos cold / Linux`, value: r, unit: "%", target: ">= 25%", met: r.median >= 25 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
