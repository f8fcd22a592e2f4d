// COST_DEFAULTS (what docs/cost-model.md lists) are the machine's real defaults: the kernel reports
// them after boot, and a file that spells out every default changes no number of the comparison.
import { describe, it, expect } from "vitest";
import { Machine } from "../host/machine";
import { compare } from "../host/compare";
import { COST_DEFAULTS, KERNEL_COST_KEYS, COST_KEYS } from "../host/costmodel";
import { Cost } from "../kernel/abi/cost";

describe("cost model: defaults", () => {
  it("the kernel's costs after boot are COST_DEFAULTS; a model overrides them", async () => {
    const m = await Machine.create({ disk: null, net: null, stdout: () => {}, stderr: () => {} });
    for (const k of KERNEL_COST_KEYS) expect(Number(m.k.getCost(Cost[k])), k).toBe(COST_DEFAULTS[k]);
    const n = await Machine.create({ disk: null, net: null, stdout: () => {}, stderr: () => {}, costModel: { tlbMissNs: 33 } });
    expect(n.k.getCost(Cost.tlbMissNs)).toBe(33n);
    expect(n.k.getCost(Cost.faultNs)).toBe(BigInt(COST_DEFAULTS.faultNs));
    expect(COST_KEYS).toHaveLength(Cost.COUNT + 4);
  });

  it("a model of all the defaults (device timings included) gives the same rows", async () => {
    const a = await compare({ size: 65536, how: false });
    const b = await compare({ size: 65536, how: false, costModel: { ...COST_DEFAULTS } });
    expect(b).toEqual(a);
  });
});
