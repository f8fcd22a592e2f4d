// Translation with a hard bound on wall time (issue 10 finding 14: the loader must never be held
// for minutes). translate() runs in a worker thread (worker.ts, dist/translateworker.mjs) that is
// started once and kept; a translation still running after TRANSLATE_BUDGET_MS is stopped with the
// thread and becomes a TranslateError (the loader's LoadError, ENOEXEC for execve). The budget
// counts from the moment the job reaches a ready worker (loading binaryen is not charged to it);
// jobs queue one at a time. Without the built worker (tests of the translator alone) translate()
// runs in this thread, unbounded.
// Interface: translateBounded(bytes, budgetMs?) -> Translated; TRANSLATE_BUDGET_MS;
// closeTranslator() (stops the worker).
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { distPath } from "../paths";
import { TranslateError, type Translated } from "./types";

/** Wall time one translation may take. The slowest module within limits.ts takes well under this
 *  on an idle machine (docs/performance.md); a loaded machine gets a wide margin. */
export const TRANSLATE_BUDGET_MS = 60_000;

type Reply = { id: number; ok: true; t: Translated } | { id: number; ok: false; translateError: boolean; message: string };

let worker: Promise<Worker> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function workerFile(): string | null {
  const file = distPath("translateworker.mjs");
  return existsSync(file) ? file : null;
}

/** A worker that has loaded binaryen (resolves on its { ready } message). */
function start(file: string): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file);
    w.unref();
    const onExit = (code: number) => { worker = null; reject(new Error(`translator worker exited (${code})`)); };
    w.once("error", (e) => { worker = null; reject(e); });
    w.once("exit", onExit);
    w.once("message", () => { w.off("exit", onExit); resolve(w); });
  });
}

function stop(w: Worker): void {
  worker = null;
  void w.terminate();
}

/** One job on the worker, stopped at `budgetMs`. */
async function runJob(file: string, bytes: Uint8Array, budgetMs: number): Promise<Translated> {
  const w = await (worker ??= start(file));
  const id = nextId++;
  return new Promise<Translated>((resolve, reject) => {
    const finish = (err: Error | null, t?: Translated) => {
      clearTimeout(timer);
      w.off("message", onMessage); w.off("error", onError); w.off("exit", onExit);
      if (err) reject(err); else resolve(t!);
    };
    const onMessage = (r: Reply) => {
      if (r.id !== id) return;
      if (r.ok) finish(null, r.t);
      else finish(r.translateError ? new TranslateError(r.message) : new Error(r.message));
    };
    const onError = (e: Error) => { stop(w); finish(e); };
    const onExit = (code: number) => { worker = null; finish(new Error(`translator worker exited (${code})`)); };
    const timer = setTimeout(() => {
      stop(w);
      finish(new TranslateError(`translation stopped after ${budgetMs / 1000} s (the module is too costly to translate)`));
    }, budgetMs);
    w.on("message", onMessage); w.on("error", onError); w.on("exit", onExit);
    w.postMessage({ id, bytes });
  });
}

export async function translateBounded(bytes: Uint8Array, budgetMs = TRANSLATE_BUDGET_MS): Promise<Translated> {
  const file = workerFile();
  if (!file) {
    const { translate } = await import("./translate");
    return translate(bytes);
  }
  const job = queue.then(() => runJob(file, bytes, budgetMs));
  queue = job.catch(() => undefined);
  return job;
}

export async function closeTranslator(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w.catch(() => null))?.terminate();
}
