// The translator's worker thread (bundled as dist/translateworker.mjs): loads binaryen once, then
// translates each module it is sent and posts the result back (bounded.ts keeps the wall-time
// budget and stops this thread when a translation overruns it).
// Messages in: { id, bytes }; out: { ready: true } once binaryen is loaded, then per job
// { id, ok: true, t: Translated } or { id, ok: false, translateError: boolean, message }.
import { parentPort } from "node:worker_threads";
import { translate } from "./translate";
import { TranslateError } from "./types";

const port = parentPort!;
port.on("message", async (job: { id: number; bytes: Uint8Array }) => {
  try {
    const t = await translate(job.bytes);
    port.postMessage({ id: job.id, ok: true, t }, [t.wasm.buffer]);
  } catch (e) {
    port.postMessage({ id: job.id, ok: false, translateError: e instanceof TranslateError, message: (e as Error).message ?? String(e) });
  }
});
port.postMessage({ ready: true });
