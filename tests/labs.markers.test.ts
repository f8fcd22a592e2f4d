// Lab markers (host/lab/markers.ts): the starter text of a region, the errors of a broken marker
// (file:line), and the kernel's own markers: each names a shipped lab, and each lab has regions and
// a README.
import { describe, expect, test } from "vitest";
import { existsSync } from "node:fs";
import { parseRegions, starterText, MarkerError } from "../host/lab/markers";
import { labsInKernel, starterTree, kernelFiles } from "../host/lab/starter";
import { LABS, labReadme } from "../host/lab/labs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../host/paths";

const SRC = [
  "a();",
  "  // LAB(x) BEGIN",
  "  solution();",
  "  // LAB(x) ELSE",
  "  // return -Errno.ENOSYS;   // TODO(x)",
  "  // LAB(x) END",
  "// LAB(y) BEGIN",
  "other();",
  "// LAB(y) END",
  "b();",
].join("\n");

describe("markers", () => {
  test("the starter of x has x's stand-in, uncommented, and y's solution", () => {
    expect(starterText(SRC, "x", "f.ts").split("\n")).toEqual([
      "a();",
      "  // LAB(x) BEGIN: the starter's stand-in: replace it with your code",
      "  return -Errno.ENOSYS;   // TODO(x)",
      "  // LAB(x) END",
      "// LAB(y) BEGIN",
      "other();",
      "// LAB(y) END",
      "b();",
    ]);
  });

  test("a region without ELSE is removed from its starter", () => {
    expect(starterText(SRC, "y", "f.ts").split("\n").slice(6)).toEqual([
      "// LAB(y) BEGIN: the starter's stand-in: replace it with your code",
      "// LAB(y) END",
      "b();",
    ]);
  });

  test("a lab with no region leaves the text as it is", () => {
    expect(starterText(SRC, "z", "f.ts")).toBe(SRC);
  });

  test.each([
    ["// LAB(x) BEGIN\nf();", "f.ts:1: LAB(x) BEGIN without END"],
    ["f();\n// LAB(x) END", "f.ts:2: LAB(x) END without its BEGIN"],
    ["// LAB(x) BEGIN\n// LAB(y) BEGIN\n// LAB(y) END\n// LAB(x) END", "f.ts:2: LAB(y) BEGIN inside LAB(x) (regions do not nest)"],
    ["// LAB(x) BEGIN\n// LAB(x) ELSE\nf();\n// LAB(x) END", "f.ts:3: LAB(x) ELSE: every line up to END must be a comment"],
    ["// LAB(x) begin", "f.ts:1: a LAB( marker must read `// LAB(name) BEGIN|ELSE|END`"],
  ])("a broken marker is an error naming the line: %j", (text, msg) => {
    expect(() => parseRegions(text, "f.ts")).toThrow(MarkerError);
    expect(() => parseRegions(text, "f.ts")).toThrow(msg);
  });
});

describe("the kernel's markers", () => {
  test("name exactly the shipped labs that have regions, each with a README", () => {
    const marked = labsInKernel();
    expect(marked.filter((l) => !LABS.some((x) => x.name === l))).toEqual([]);
    for (const l of LABS) {
      expect(marked, `lab ${l.name} has regions in kernel/`).toContain(l.name);
      expect(existsSync(labReadme(l.name)), `labs/${l.name}/README.md`).toBe(true);
    }
  });

  test("each starter differs from the kernel only in its own lab's files", () => {
    for (const l of LABS) {
      const tree = starterTree(l.name);
      const changed = kernelFiles().filter((f) => tree.get(f) !== readFileSync(join(projectRoot(), f), "utf8"));
      const marked = kernelFiles().filter((f) => parseRegions(readFileSync(join(projectRoot(), f), "utf8"), f).some((r) => r.lab === l.name));
      expect(changed).toEqual(marked);
    }
  });
});
