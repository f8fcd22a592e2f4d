// The public WASI conformance suite on wasmos (`wasmos wasi-test`): every test passes but those
// host/wasi/exceptions.ts lists, each with its reason, and those listed fail, as listed (a listed
// test that passes must come off the list; one listed for a stream must match in all else).
// docs/wasi.md shows the same list. Skipped, saying so, where the suite (a wasi-testsuite
// folder in or above the project, or $WASI_TESTSUITE) is absent.
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findSuite, listTests } from "../host/wasi/suite";
import { judge, runOnWasmos, excused } from "../host/wasi/conformance";
import { WASI_EXCEPTIONS, exceptionFor } from "../host/wasi/exceptions";
import { projectRoot } from "../host/paths";

const suite = findSuite();
if (!suite.dir) console.log(`wasi.conformance: skipped: the WASI conformance suite is absent (${suite.why})`);
const tests = suite.dir ? listTests(suite.dir) : [];

test("each exception has a reason, is listed once and is shown in docs/wasi.md", () => {
  const docs = readFileSync(join(projectRoot(), "docs", "wasi.md"), "utf8").replace(/\s+/g, " ");   // lines wrapped
  expect(new Set(WASI_EXCEPTIONS.map((e) => e.test)).size).toBe(WASI_EXCEPTIONS.length);
  for (const e of WASI_EXCEPTIONS) {
    expect(e.reason.length, e.test).toBeGreaterThan(20);
    expect(docs, `docs/wasi.md shows ${e.test}`).toContain(`\`${e.test}\``);
    expect(docs, `docs/wasi.md gives the reason for ${e.test}`).toContain(e.reason);
  }
});

describe.skipIf(!suite.dir)("the WASI conformance suite on wasmos", () => {
  test("every listed exception names a test of the suite", () => {
    const names = new Set(tests.map((t) => t.name));
    for (const e of WASI_EXCEPTIONS) expect(names.has(e.test), e.test).toBe(true);
  });

  // One machine per test; the first run of a Rust test translates a 2 MB module (then cached).
  test.each(tests.map((t) => [t.name, t] as const))("%s", async (_name, t) => {
    const r = judge(t, await runOnWasmos(t));
    const e = exceptionFor(t.name);
    if (e === undefined) expect(r.pass, r.why).toBe(true);
    else {
      expect(r.pass, `${t.name} passes now: take it off host/wasi/exceptions.ts and docs/wasi.md`).toBe(false);
      expect(excused(t, r, e), `${t.name} is listed for its ${e.differs} only, but: ${r.why}`).toBe(true);
    }
  }, 600_000);
});
