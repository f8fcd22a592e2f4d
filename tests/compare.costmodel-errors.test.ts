// A bad cost-model file is refused before anything runs, with a message naming the problem, exit 2:
// unknown keys, zero, negative, fractional or non-numeric values, not JSON, not an object, missing.
import { describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCostModel } from "../host/costmodel";
import { cli } from "./helpers/cli";

const BAD: [string, RegExp][] = [
  ['{"copyBytesPerUS": 5}', /unknown key 'copyBytesPerUS'/],
  ['{"syscallNs": 0}', /syscallNs must be a positive whole number \(got 0\)/],
  ['{"diskLatencyNs": -5}', /diskLatencyNs must be a positive whole number/],
  ['{"faultNs": 1.5}', /faultNs must be a positive whole number/],
  ['{"nicBytesPerUs": "1250"}', /nicBytesPerUs must be a positive whole number \(got "1250"\)/],
  ['{"tlbMissNs": null}', /tlbMissNs must be a positive whole number/],
  ["[1, 2]", /expected a JSON object/],
  ["{modeSwitchNs: 1}", /not JSON/],
];

describe("cost model: bad files", () => {
  it("parseCostModel names each problem", () => {
    for (const [text, msg] of BAD) expect(() => parseCostModel(text, "m.json"), text).toThrow(msg);
    expect(parseCostModel('{"syscallNs": 70, "nicBytesPerUs": 125}')).toEqual({ syscallNs: 70, nicBytesPerUs: 125 });
  });

  it("run and compare exit 2 with the message; a missing file too", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-cost-"));
    try {
      const f = join(dir, "bad.json");
      writeFileSync(f, '{"syscallNs": 0}');
      for (const args of [["run", "--cost-model", f, "/usr/demo/send", "read+write", "/data/4k.bin"], ["compare", "--cost-model", f]]) {
        const r = cli(...args);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^wasmos: .*bad\.json: syscallNs must be a positive whole number \(got 0\)/);
        expect(r.stdout).toBe("");
      }
      const r = cli("compare", "--cost-model", join(dir, "none.json"));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/none\.json: cannot read the cost model \(ENOENT\)/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
