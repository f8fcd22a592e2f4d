// RAM up to 4 GiB, the wasm32 limit: a 4 GiB machine boots with all of it but the last 64 KiB (the
// host's unwind window), and physical addresses above 2 GiB work everywhere: the page cache, disk
// DMA, pipes and splice to the console, fork, anonymous memory, a guest's unwind and rewind.
import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { Machine } from "../host/machine";
import { borrowingSink } from "../host/sink";
import { PAGE_SIZE } from "../kernel/abi/layout";
import { FRAME_REC_SIZE, FRAME_OWNER } from "../kernel/abi/records";
import { Owner } from "../kernel/abi/layout";
import { cli } from "./helpers/cli";

const GiB = 2 ** 30;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Run one program from the image to its end: exit code and what it printed. */
async function run(m: Machine, out: { text: Buffer[] }, path: string, argv: string[]): Promise<{ code: number | null; stdout: Buffer }> {
  out.text = [];
  const pid = await m.spawnPath(path, argv);
  await m.run();
  return { code: m.exitOf(pid)?.code ?? null, stdout: Buffer.concat(out.text) };
}

/** Frames at or above `from` that are not free, read from the kernel's frame records. */
function usedFramesFrom(m: Machine, from: number): number {
  const n = m.k.frameCount(), owners = new Uint8Array(m.ram.buffer, m.k.frameTableAddr(), n * FRAME_REC_SIZE);
  let used = 0;
  for (let p = from; p < n; p++) if (owners[p * FRAME_REC_SIZE + FRAME_OWNER] !== Owner.free) used++;
  return used;
}

describe("4 GiB of RAM", () => {
  it("--ram 4G boots with (4 GiB - 64 KiB) / 4 KiB frames and runs hello", async () => {
    const m = await Machine.create({ ramBytes: 4 * GiB, net: null, stdin: null, stdout: () => {} });
    expect(m.k.frameCount()).toBe((4 * GiB - 65536) / PAGE_SIZE);
    expect(m.ram.buffer.byteLength).toBe(4 * GiB);
    const r = cli("run", "--ram", "4G", "dist/demos/hello.wasm");
    expect(r).toMatchObject({ status: 0, stdout: "hello, world\n" });
  });

  it("more than 4 GiB is refused", async () => {
    await expect(Machine.create({ ramBytes: 4 * GiB + 65536, net: null })).rejects.toThrow(/between 8 MiB and 4 GiB/);
    expect(cli("run", "--ram", "5G", "dist/demos/hello.wasm").stderr).toMatch(/between 8 MiB and 4 GiB/);
  });

  it("frames scattered over all 4 GiB: programs get the same bytes, and frames above 2 GiB are in use", async () => {
    const out = { text: [] as Buffer[] };
    const m = await Machine.create({ ramBytes: 4 * GiB, net: null, stdin: null, scramble: 7919, quantum: 2000,
      stdout: borrowingSink((b) => { out.text.push(Buffer.from(b)); }), stderr: () => {} });
    const big = m.readGuestFile("/data/big.bin");
    const cat = await run(m, out, "/bin/cat", ["cat", "/data/big.bin"]);
    expect(cat.code).toBe(0);
    expect(sha(cat.stdout)).toBe(sha(big));
    const spliced = await run(m, out, "/usr/demo/splice-cat", ["splice-cat", "/data/big.bin"]);
    expect(spliced.code).toBe(0);
    expect(sha(spliced.stdout)).toBe(sha(big));
    const piped = await run(m, out, "/bin/sh", ["sh", "-c", "cat /data/big.bin | wc -c"]);
    expect(piped.stdout.toString().trim()).toBe(String(big.length));
    expect((await run(m, out, "/usr/demo/cowdemo", ["cowdemo", "/data/4k.bin"])).code).toBe(0);
    const touched = await run(m, out, "/usr/demo/touchpages", ["touchpages", "25600"]);     // 100 MiB
    expect(touched.stdout.toString()).toBe("touched 25600 pages\n");
    expect(usedFramesFrom(m, (2 * GiB) / PAGE_SIZE)).toBeGreaterThan(1000);                 // page-cache pages up there
  });
});
