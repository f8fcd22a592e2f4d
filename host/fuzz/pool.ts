// The watchdog: runs fuzz programs in a worker thread (dist/fuzzworker.mjs, host/fuzz/worker.ts) and
// gives each a wall-time limit. A program still running at its limit is a hang: the worker is
// stopped (even inside a kernel loop) and a fresh one started for the next program. A worker that
// dies is a host exception.
// Interface: new Pool(opts); pool.run(wire) -> Promise<Outcome>; pool.close().
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { distPath } from "../paths";
import type { Outcome, RunOptions } from "./runner";

export interface PoolOptions extends RunOptions {
  executor: Uint8Array;       // the executor guest (host/fuzz/image.ts executorWasm)
  timeoutMs?: number;         // wall time per program (default 20 s)
  workerFile?: string;        // the worker's script (default dist/fuzzworker.mjs; tests use their own)
}

export class Pool {
  private worker: Worker | null = null;
  private nextId = 1;
  constructor(private opts: PoolOptions) {}

  private start(): Worker {
    const file = this.opts.workerFile ?? distPath("fuzzworker.mjs");
    if (!existsSync(file)) throw new Error(`${file} is missing: build with node host/build.mjs`);
    const { executor, timeoutMs: _, workerFile: __, ...run } = this.opts;
    const w = new Worker(file, { workerData: { executor, opts: run } });
    w.unref();
    return w;
  }

  run(wire: Uint8Array): Promise<Outcome> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++, limit = this.opts.timeoutMs ?? 20000;
    return new Promise<Outcome>((resolve) => {
      const done = (o: Outcome, kill: boolean) => {
        clearTimeout(timer);
        w.off("message", onMessage); w.off("error", onError); w.off("exit", onExit);
        if (kill) { void w.terminate(); if (this.worker === w) this.worker = null; }
        resolve(o);
      };
      const onMessage = (m: { id: number; outcome: Outcome }) => { if (m.id === id) done(m.outcome, false); };
      const onError = (e: Error) => done({ ok: false, kind: "host-exception", detail: `worker: ${e.message}`, syscalls: 0 }, true);
      const onExit = (code: number) => done({ ok: false, kind: "host-exception", detail: `worker exited (${code})`, syscalls: 0 }, true);
      const timer = setTimeout(() => done({ ok: false, kind: "hang", detail: `still running after ${limit / 1000} s of wall time`, syscalls: 0 }, true), limit);
      w.on("message", onMessage); w.on("error", onError); w.on("exit", onExit);
      w.postMessage({ id, wire });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
