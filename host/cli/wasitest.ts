// `wasmos wasi-test [SUITE_DIR] [--filter RE]`: run the WASI conformance suite (host/wasi/), one
// fresh machine per test, one line per test and a closing "N passed, N failed". Exit 1 when a test
// fails that host/wasi/exceptions.ts does not list, or a listed one passes or fails otherwise than
// listed; 0 otherwise, and 0 with a "skipped" message when the suite is not there. The run's wall
// time goes to stderr.
import type { Command } from "commander";
import { findSuite, listTests } from "../wasi/suite";
import { runSuite, resultLine, runOnWasmos, excused, type TestResult } from "../wasi/conformance";
import { runOnNode } from "../wasi/nodewasi";
import { exceptionFor } from "../wasi/exceptions";
import { UsageError } from "../fs/tool";

export function register(program: Command): void {
  program.command("wasi-test").description("run the WASI preview 1 conformance suite (default $WASI_TESTSUITE, or a wasi-testsuite folder in or above the project)")
    .argument("[suite]", "the suite's folder")
    .option("--filter <re>", "only the tests whose name (e.g. rust/path_open_missing) matches this regular expression")
    .option("--engine <engine>", "wasmos (default), or node: node's own WASI runtime, to check the runner itself", "wasmos")
    .option("--timeout <seconds>", "wall-clock limit of each test's run", "60")
    .action(async (suite: string | undefined, o: { filter?: string; engine: string; timeout: string }) => {
      const filter = o.filter === undefined ? undefined : regex(o.filter);
      if (o.engine !== "wasmos" && o.engine !== "node") throw new UsageError(`wasi-test: --engine ${o.engine}: use wasmos or node`);
      const timeoutMs = Number(o.timeout) * 1000;
      if (!(timeoutMs > 0)) throw new UsageError(`wasi-test: --timeout ${o.timeout}: a number of seconds greater than 0`);
      const found = findSuite(suite);
      if (!found.dir) {
        if (suite !== undefined) throw new UsageError(`wasi-test: ${found.why}`);
        process.stdout.write(`wasi-test: skipped: the conformance suite is absent (${found.why})\n`);
        return;
      }
      const tests = listTests(found.dir, filter);
      if (tests.length === 0) throw new UsageError(`wasi-test: no test in ${found.dir}${filter ? ` matches ${o.filter}` : ""}`);
      const listed = (r: TestResult) => (o.engine === "wasmos" ? exceptionFor(r.name) : undefined);
      const byName = new Map(tests.map((t) => [t.name, t]));
      const expected = (r: TestResult) => { const e = listed(r); return e ? excused(byName.get(r.name)!, r, e) : r.pass; };
      const start = performance.now();
      const results = await runSuite(tests, { timeoutMs },
        (r) => { process.stdout.write(resultLine(byName.get(r.name)!, r, listed(r)) + "\n"); },
        o.engine === "node" ? runOnNode : runOnWasmos);
      const passed = results.filter((r) => r.pass).length, failed = results.length - passed;
      process.stdout.write(`${passed} passed, ${failed} failed\n`);
      const listedFailures = results.filter((r) => listed(r) !== undefined && expected(r)).length;
      if (listedFailures) process.stdout.write(`${listedFailures} of the failures are listed exceptions (host/wasi/exceptions.ts, docs/wasi.md)\n`);
      process.stderr.write(`wasi-test: ${results.length} tests in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
      const unexpected = results.filter((r) => !expected(r));
      process.exitCode = unexpected.length ? 1 : 0;
    });
}

function regex(s: string): RegExp {
  try { return new RegExp(s); } catch (e) { throw new UsageError(`wasi-test: --filter ${s}: ${(e as Error).message}`); }
}

export const registerWasiTest = register;
