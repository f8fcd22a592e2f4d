// `wasmos run --perfetto FILE` and `wasmos compare --perfetto DIR` write Chrome trace event JSON that
// follows the format's rules: every event has name/ph/ts/pid/tid, phases are known, X has dur >= 0,
// each flow id has one s and one later f, every pid and thread is named by M events; slices on a
// thread nest and every flow end sits in a slice (so the viewer can bind it).
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { checkChromeTrace, checkNesting } from "./helpers/chrometrace";

describe("perfetto: the trace format", () => {
  it("run --perfetto: a well-formed trace for read+write, mmap+write and sendfile without SG", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-perfetto-"));
    try {
      for (const [method, nic] of [["read+write", "sg=on"], ["mmap+write", "sg=on"], ["sendfile", "sg=off"]]) {
        const file = join(dir, `${method}.json`);
        const r = cli("run", "--nic", nic, "--perfetto", file, "/usr/demo/send", method, "/data/4k.bin");
        expect(r.status).toBe(0);
        const json = JSON.parse(readFileSync(file, "utf8"));
        expect(checkChromeTrace(json)).toEqual([]);
        expect(checkNesting(json)).toEqual([]);
      }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("compare --perfetto DIR: one well-formed trace per method", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-perfetto-"));
    try {
      const r = cli("compare", "--size", "16384", "--perfetto", dir);
      expect(r.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(["mmap+write.json", "msg_zerocopy.json", "netmap.json", "o_direct.json", "pktpool.json", "read+write.json",
        "sendfile+sg-dma.json", "sendfile.json", "splice.json"]);
      for (const f of readdirSync(dir)) {
        const json = JSON.parse(readFileSync(join(dir, f), "utf8"));
        expect(checkChromeTrace(json), f).toEqual([]);
        expect(checkNesting(json), f).toEqual([]);
      }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("the checker catches what breaks the rules", () => {
    const ok = { name: "a", ph: "X", ts: 0, dur: 1, pid: 1, tid: 1 };
    const meta = [{ name: "process_name", ph: "M", ts: 0, pid: 1, tid: 0, args: { name: "p" } },
      { name: "thread_name", ph: "M", ts: 0, pid: 1, tid: 1, args: { name: "t" } }];
    expect(checkChromeTrace({ traceEvents: [...meta, ok] })).toEqual([]);
    expect(checkChromeTrace({ traceEvents: [ok] })).toEqual(["pid 1 has no process_name", "thread 1/1 has no thread_name"]);
    expect(checkChromeTrace({ traceEvents: [...meta, { ...ok, dur: -1 }] })[0]).toMatch(/dur/);
    expect(checkChromeTrace({ traceEvents: [...meta, { ...ok, ph: "Q" }] })[0]).toMatch(/phase Q/);
    expect(checkChromeTrace({ traceEvents: [...meta, { ...ok, ph: "f", id: 1, ts: 0 }, { ...ok, ph: "s", id: 1, ts: 1 }] }))
      .toEqual(["flow 1: f before s"]);
    expect(checkChromeTrace({ traceEvents: [...meta, { ...ok, ph: "s", id: 2 }] })).toEqual(["flow 2: 1 s and 0 f"]);
    expect(checkNesting({ traceEvents: [ok, { ...ok, ts: 0.5 }] })[0]).toMatch(/overlaps/);
  });
});
