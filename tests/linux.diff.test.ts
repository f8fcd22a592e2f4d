// The differential conformance suite: the C programs in tests/linux/ are linked into one multi-call
// guest (one build, one translation) and each is run on wasmos; its output must equal what the same
// source printed on Linux (tests/linux/expected, recorded by tests/linux/record.mjs), line for line,
// except for the deliberate differences listed in tests/linux/differences.txt.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";
// @ts-expect-error: plain JavaScript without type declarations
import { buildC } from "../guests/c/build.mjs";
// @ts-expect-error: plain JavaScript without type declarations
import { HERE, compareOutputs, differences, dispatchSource, expectedPath, programs, uncompared } from "./linux/suite.mjs";

const names: string[] = programs();
let built: Promise<string> | undefined;
function suite(): Promise<string> {
  return (built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-linuxsuite-"));
    writeFileSync(join(dir, "dispatch.c"), dispatchSource(names));
    const out = join(dir, "linuxsuite.wasm");
    await buildC([join(dir, "dispatch.c"), ...names.map((n) => join(HERE, `${n}.c`))], out);
    return out;
  })());
}

// brk and fork_wait take minutes of wall time on a loaded machine: after the run, Node waits at exit
// for V8's optimizing compiler, which tiers up a hot function of the translated module (seen with
// gdb: TurboFan's GapResolver). Hence twice the translation allowance.
describe.skipIf(!hasClang)(`Linux as the oracle${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: 2 * TRANSLATE_TIMEOUT }, () => {
  it("has at least 40 programs, each with Linux's recorded output", () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names.filter((n) => !existsSync(expectedPath(n)))).toEqual([]);
  });

  it("lists differences only for programs that exist", () => {
    expect([...differences().keys()].filter((n) => !names.includes(n))).toEqual([]);
  });

  for (const name of names) {
    it.skipIf(uncompared(name))(name, async () => {
      const r = cli("run", await suite(), name);
      const linux = readFileSync(expectedPath(name), "utf8");
      expect(linux.length).toBeGreaterThan(0);
      expect(compareOutputs(name, linux, r.stdout).join("\n")).toBe("");
      expect(r.stderr).toBe("");
    });
  }
});
