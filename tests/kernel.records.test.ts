// Every named offset of a record the host reads (kernel/abi/records.ts, the trace record in
// kernel/abi/trace.ts) is checked against the kernel's layout by kernel/records.ts, whose
// compile-time checks stop the kernel build when a field moves or a record outgrows its space.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../host/paths";

const read = (f: string) => readFileSync(join(projectRoot(), f), "utf8");
const constants = (src: string, re: RegExp) => [...src.matchAll(/^export const ([A-Z][A-Z0-9_]*)\s*=/gm)].map((m) => m[1]).filter((n) => re.test(n));

describe("record layout checks", () => {
  it("kernel/records.ts checks every offset and size the host reads", () => {
    const checks = read("kernel/records.ts");
    const named = [...constants(read("kernel/abi/records.ts"), /./), ...constants(read("kernel/abi/trace.ts"), /^TRACE_/)];
    expect(named.length).toBeGreaterThan(30);
    const unchecked = named.filter((n) => !new RegExp(`\\b${n}\\b`).test(checks.replace(/^import[^;]*;/gm, "")));
    expect(unchecked).toEqual([]);
  });

  it("kernel/index.ts compiles the checks in (last, so static data keeps its place)", () => {
    const index = read("kernel/index.ts").trimEnd().split("\n");
    expect(index[index.length - 1]).toMatch(/^import "\.\/records";/);
  });
});
