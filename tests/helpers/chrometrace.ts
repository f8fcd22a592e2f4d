// Checks a Chrome trace event JSON file against the format's rules (the Trace Event Format document
// that chrome://tracing and ui.perfetto.dev follow), so a trace is known to open without a browser.
// Interface: checkChromeTrace(json) -> list of problems (empty when the trace is well formed).
const PHASES = new Set(["X", "B", "E", "i", "C", "s", "t", "f", "M"]);

interface Ev { name?: unknown; ph?: unknown; ts?: unknown; pid?: unknown; tid?: unknown; dur?: unknown; id?: unknown;
  bp?: unknown; args?: Record<string, unknown> }

const isInt = (v: unknown) => typeof v === "number" && Number.isInteger(v);

export function checkChromeTrace(json: unknown): string[] {
  const bad: string[] = [];
  const events = (json as { traceEvents?: unknown }).traceEvents;
  if (!Array.isArray(events)) return ["no traceEvents array"];
  const named = new Set<number>(), threads = new Set<string>(), used = new Set<number>(), usedThreads = new Set<string>();
  const flows = new Map<unknown, { s: number[]; f: number[] }>();
  (events as Ev[]).forEach((e, i) => {
    const at = `event ${i} (${JSON.stringify(e).slice(0, 80)})`;
    if (typeof e.name !== "string" || typeof e.ph !== "string" || typeof e.ts !== "number" || !Number.isFinite(e.ts)
      || !isInt(e.pid) || !isInt(e.tid)) { bad.push(`${at}: needs name, ph, ts, pid, tid`); return; }
    if (!PHASES.has(e.ph)) bad.push(`${at}: phase ${e.ph}`);
    if (e.ph === "X" && !(typeof e.dur === "number" && Number.isFinite(e.dur) && e.dur >= 0)) bad.push(`${at}: X without dur >= 0`);
    if (e.ph === "C" && !(e.args && Object.values(e.args).length > 0 && Object.values(e.args).every((v) => typeof v === "number"))) {
      bad.push(`${at}: counter without numeric args`);
    }
    if (e.ph === "M") {
      if (e.name === "process_name" && typeof e.args?.name === "string") named.add(e.pid as number);
      if (e.name === "thread_name" && typeof e.args?.name === "string") threads.add(`${e.pid}/${e.tid}`);
      return;
    }
    used.add(e.pid as number);
    usedThreads.add(`${e.pid}/${e.tid}`);
    if (e.ph === "s" || e.ph === "f" || e.ph === "t") {
      if (e.id === undefined) { bad.push(`${at}: flow without id`); return; }
      const fl = flows.get(e.id) ?? { s: [], f: [] };
      flows.set(e.id, fl);
      if (e.ph !== "t") fl[e.ph].push(i);
    }
  });
  for (const pid of used) if (!named.has(pid)) bad.push(`pid ${pid} has no process_name`);
  for (const t of usedThreads) if (!threads.has(t)) bad.push(`thread ${t} has no thread_name`);
  const ev = events as Ev[];
  for (const [id, { s, f }] of flows) {
    if (s.length !== 1 || f.length !== 1) { bad.push(`flow ${id}: ${s.length} s and ${f.length} f`); continue; }
    if (f[0] < s[0] || (ev[f[0]].ts as number) < (ev[s[0]].ts as number)) bad.push(`flow ${id}: f before s`);
  }
  return bad;
}

/** Slices on one thread must nest (no partial overlap); flow ends must sit inside a slice of their thread. */
export function checkNesting(json: { traceEvents: Ev[] }): string[] {
  const bad: string[] = [];
  const byThread = new Map<string, { ts: number; end: number }[]>();
  for (const e of json.traceEvents) {
    if (e.ph !== "X") continue;
    const k = `${e.pid}/${e.tid}`;
    const list = byThread.get(k) ?? [];
    byThread.set(k, list);
    list.push({ ts: e.ts as number, end: (e.ts as number) + (e.dur as number) });
  }
  const eps = 1e-6;
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.end - a.end);
    const stack: number[] = [];
    for (const s of list) {
      while (stack.length && stack[stack.length - 1] <= s.ts + eps) stack.pop();
      if (stack.length && s.end > stack[stack.length - 1] + eps) bad.push(`thread ${k}: slice at ${s.ts} overlaps its parent`);
      stack.push(s.end);
    }
  }
  for (const e of json.traceEvents) {
    if (e.ph !== "s" && e.ph !== "f") continue;
    const inside = (byThread.get(`${e.pid}/${e.tid}`) ?? []).some((s) => s.ts <= (e.ts as number) && (e.ts as number) <= s.end);
    if (!inside) bad.push(`flow ${e.ph} ${e.id} at ${e.ts} is in no slice of ${e.pid}/${e.tid}`);
  }
  return bad;
}
