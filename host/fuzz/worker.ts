// The fuzzer's worker thread (bundled to dist/fuzzworker.mjs): runs the programs the pool sends it,
// one at a time, each on a fresh machine (host/fuzz/runner.ts), and posts each outcome back. It runs
// in a thread of its own so the pool can stop it when a program hangs inside the kernel.
// Interface (messages): in { executor, opts } once, then { id, wire }; out { id, outcome }.
import { parentPort, workerData } from "node:worker_threads";
import { execute, type RunOptions } from "./runner";

const { executor, opts } = workerData as { executor: Uint8Array; opts: RunOptions };

parentPort!.on("message", async (msg: { id: number; wire: Uint8Array }) => {
  const outcome = await execute(msg.wire, executor, opts);
  parentPort!.postMessage({ id: msg.id, outcome });
});
