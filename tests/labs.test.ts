// Every lab stays alive: graded through the same code as `wasmos lab grade`, the kernel wasmos ships
// (the solution) earns full marks, and the lab's starter (host/lab/starter.ts, compiled once per
// lab) earns zero on every check, yet builds and boots: hello runs on it. Grading is deterministic:
// for two quick labs, the starter is graded twice and the reports compared byte for byte.
import { describe, expect, test, beforeAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { LABS } from "../host/lab/labs";
import { grade, runGuest, formatReport } from "../host/lab/grader";
import { writeStarter } from "../host/lab/starter";
import { loadKernel } from "../host/kernelbuild";
import { kernelWasm } from "../host/kernel";

const LAB_TIMEOUT = 600_000;

describe.each(LABS.map((l) => [l.name, l] as const))("lab %s", (_name, lab) => {
  let starter: WebAssembly.Module;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), `wasmos-lab-${lab.name}-`));
    try {
      writeStarter(lab.name, dir);
      starter = await loadKernel(dir);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, LAB_TIMEOUT);

  test("the solution (the shipped kernel) earns full marks", async () => {
    const r = await grade(lab, kernelWasm());
    expect(r.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.detail}`)).toEqual([]);
    expect(r.score).toBe(r.max);
    expect(r.max).toBeGreaterThan(0);
  }, LAB_TIMEOUT);

  test("the starter earns zero on every check, each with its reason", async () => {
    const r = await grade(lab, starter);
    expect(r.checks.filter((c) => c.pass).map((c) => c.name)).toEqual([]);
    expect(r.score).toBe(0);
    for (const c of r.checks) expect(c.detail, c.name).not.toBe("");
    expect(formatReport(r)).toContain(`Score: 0/${r.max}`);
  }, LAB_TIMEOUT);

  test.runIf(lab.name === "tlb" || lab.name === "syscall")("the same kernel gets the same report, byte for byte", async () => {
    const a = JSON.stringify(await grade(lab, starter)), b = JSON.stringify(await grade(lab, starter));
    expect(b).toBe(a);
  }, LAB_TIMEOUT);

  test("the starter boots and runs hello", async () => {
    const r = await runGuest(starter, "/usr/demo/hello", ["lab"]);
    expect(r.exit).toEqual({ code: 0, signal: null, status: 0 });
    expect(r.stdout).toBe("hello, world\nargv[1]=lab\n");
  }, LAB_TIMEOUT);
});
