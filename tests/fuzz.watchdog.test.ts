// The fuzzer's watchdog (host/fuzz/pool.ts): a program still running at its wall-time limit is
// reported as a hang, even when the worker is stuck in a loop that never yields (as a kernel loop
// would be), and the next program runs on a fresh worker. A worker that dies is a host exception.
// The worker here is a stand-in script: it answers, spins forever or exits as the "program" says.
import { afterAll, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "../host/fuzz/pool";

const dir = mkdtempSync(join(tmpdir(), "wasmos-watchdog-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const worker = join(dir, "worker.mjs");
writeFileSync(worker, `
import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, wire }) => {
  if (wire[0] === 1) for (;;) {}
  if (wire[0] === 2) process.exit(3);
  parentPort.postMessage({ id, outcome: { ok: true, syscalls: wire.length } });
});
`);

test("a spinning program is a hang, a dying worker a host exception, and the pool goes on", async () => {
  const pool = new Pool({ executor: new Uint8Array(0), workerFile: worker, timeoutMs: 1000 });
  try {
    expect(await pool.run(new Uint8Array([0, 0, 0]))).toEqual({ ok: true, syscalls: 3 });
    const t0 = performance.now();
    expect(await pool.run(new Uint8Array([1]))).toMatchObject({ ok: false, kind: "hang" });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(await pool.run(new Uint8Array([0, 0]))).toEqual({ ok: true, syscalls: 2 });
    expect(await pool.run(new Uint8Array([2]))).toMatchObject({ ok: false, kind: "host-exception", detail: "worker exited (3)" });
    expect(await pool.run(new Uint8Array([0]))).toEqual({ ok: true, syscalls: 1 });
  } finally {
    await pool.close();
  }
});
