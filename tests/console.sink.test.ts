// Console sinks (host/sink.ts): a borrowing sink is handed the kernel's tty buffer in place and a
// plain sink a copy of its own; the CLI's stdout writes the bytes at once and copies only what a
// full pipe did not take, in order.
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { Machine } from "../host/machine";
import { borrowingSink } from "../host/sink";
import { projectRoot } from "../host/paths";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** cat FILE on a machine with the default image; each chunk is passed to `keep`. */
async function catTo(sink: (b: Uint8Array) => void, path: string): Promise<Machine> {
  const m = await Machine.create({ ramBytes: 32 << 20, net: null, stdin: null, stdout: sink, stderr: () => {} });
  await m.spawnPath("/bin/cat", ["cat", path, path]);
  await m.run();
  return m;
}

describe("console sinks", () => {
  it("a borrowing sink reads RAM in place: every chunk is a view of the machine's memory", async () => {
    const hashes = createHash("sha256");
    const buffers = new Set<ArrayBufferLike>();
    let bytes = 0;
    const m = await catTo(borrowingSink((b) => { buffers.add(b.buffer); hashes.update(b); bytes += b.length; }), "/data/4k.bin");
    const file = m.readGuestFile("/data/4k.bin");
    expect(bytes).toBe(2 * file.length);
    expect(hashes.digest("hex")).toBe(sha(Buffer.concat([file, file])));
    expect([...buffers]).toEqual([m.ram.buffer]);
  });

  it("a plain sink owns its chunks: they keep their bytes after the kernel reuses its buffer", async () => {
    const chunks: Uint8Array[] = [];
    const m = await catTo((b) => { chunks.push(b); }, "/data/4k.bin");
    const file = m.readGuestFile("/data/4k.bin");
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.buffer !== m.ram.buffer)).toBe(true);
    expect(sha(Buffer.concat(chunks))).toBe(sha(Buffer.concat([file, file])));
  });

  it("the CLI's stdout into a pipe read late: every byte arrives, in order (16 MiB through a 64 KiB pipe)", async () => {
    const m = await Machine.create({ ramBytes: 64 << 20, net: null, stdin: null, stdout: () => {}, stderr: () => {} });
    const want = sha(m.readGuestFile("/data/big.bin"));
    const child = spawn(process.execPath, ["dist/cli.mjs", "run", "/bin/cat", "/data/big.bin"], { cwd: projectRoot() });
    child.stdout.pause();                                   // the pipe fills: the CLI's writes get EAGAIN
    await new Promise((r) => setTimeout(r, 1500));
    const out: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stdout.resume();
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect(code).toBe(0);
    expect(Buffer.concat(out).length).toBe(16 << 20);
    expect(sha(Buffer.concat(out))).toBe(want);
  });
});
