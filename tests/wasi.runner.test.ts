// The conformance runner's own rules (host/wasi/), checked without the WASI personality: the JSON
// spec with its defaults, the suite's layout and names, the root image without `*.cleanup`
// artefacts, the exact comparison and its FAIL reasons; end to end on wasmos with SDK guests in a
// suite of our own making; and, where the public suite is present, against node's own WASI runtime.
import { afterAll, describe, expect, test } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpec, listTests, findSuite, SpecError } from "../host/wasi/suite";
import { rootImage, judge, resultLine, runSuite, runOnWasmos, excused } from "../host/wasi/conformance";
import { runOnNode } from "../host/wasi/nodewasi";
import { WsFs } from "../host/fs/files";
import { distPath } from "../host/paths";
import { cli } from "./helpers/cli";

const tmp = mkdtempSync(join(tmpdir(), "wasmos-wasi-runner-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("a spec takes the README's defaults and refuses what it does not know", () => {
  expect(readSpec("{}", "t")).toEqual({ args: [], env: {}, root: null, exitCode: 0, stdout: "", stderr: "" });
  expect(readSpec('{"args":["a","b c"],"env":{"K":"v"},"root":"d","exit_code":33,"stdout":"x","stderr":"y"}', "t"))
    .toEqual({ args: ["a", "b c"], env: { K: "v" }, root: "d", exitCode: 33, stdout: "x", stderr: "y" });
  expect(() => readSpec('{"dirs":["d"]}', "t")).toThrow(/unknown key "dirs"/);
  expect(() => readSpec('{"args":"a"}', "t")).toThrow(SpecError);
  expect(() => readSpec('{"exit_code":1.5}', "t")).toThrow(/exit_code/);
  expect(() => readSpec("[1]", "t")).toThrow(/not a JSON object/);
  expect(() => readSpec("{", "t")).toThrow(SpecError);
});

// A suite of our own: SDK guests (kernel.syscall, no WASI) under the suite's layout.
const suite = join(tmp, "suite");
const d = join(suite, "demo", "testsuite", "wasm32-wasip1");
mkdirSync(join(d, "tree.dir", "sub"), { recursive: true });
writeFileSync(join(d, "tree.dir", "data.txt"), "hello, root\n");
writeFileSync(join(d, "tree.dir", "stale.cleanup"), "left by an earlier run\n");
writeFileSync(join(d, "tree.dir", "sub", "x.cleanup"), "");
writeFileSync(join(d, "tree.dir", ".keep"), "");
for (const [name, guest] of [["cat-root", "cat"], ["ls-root", "ls"], ["cat-missing", "cat"], ["cat-wrong", "cat"], ["bad-spec", "cat"]]) {
  copyFileSync(distPath("guests", `${guest}.wasm`), join(d, `${name}.wasm`));
}
writeFileSync(join(d, "cat-root.json"), JSON.stringify({ root: "tree.dir", args: ["/data.txt"], stdout: "hello, root\n" }));
// the root lists the tree and, as on Linux, the kernel's /dev and /proc (not *.cleanup, not dot files)
writeFileSync(join(d, "ls-root.json"), JSON.stringify({ root: "tree.dir", args: ["/"], stdout: "data.txt\ndev\nproc\nsub\n" }));
writeFileSync(join(d, "cat-missing.json"), JSON.stringify({ args: ["/data.txt"], exit_code: 1, stderr: "cat: /data.txt: No such file or directory\n" }));
writeFileSync(join(d, "cat-wrong.json"), JSON.stringify({ root: "tree.dir", args: ["/data.txt"], stdout: "hello\n" }));
writeFileSync(join(d, "bad-spec.json"), JSON.stringify({ root: "no-such.dir" }));

test("the suite's tests are <language>/<program>, sorted, filtered by a regular expression", () => {
  const all = listTests(suite);
  expect(all.map((t) => t.name)).toEqual(["demo/bad-spec", "demo/cat-missing", "demo/cat-root", "demo/cat-wrong", "demo/ls-root"]);
  expect(all.find((t) => t.name === "demo/cat-root")!.rootDir).toBe(join(d, "tree.dir"));
  expect(all.find((t) => t.name === "demo/cat-missing")!.rootDir).toBeNull();
  expect(all.find((t) => t.name === "demo/bad-spec")!.specError).toMatch(/root no-such\.dir: no such directory/);
  expect(listTests(suite, /cat-(root|wrong)/).map((t) => t.name)).toEqual(["demo/cat-root", "demo/cat-wrong"]);
  expect(findSuite(suite).dir).toBe(suite);
  expect(findSuite(join(tmp, "absent"))).toEqual({ dir: null, why: `${join(tmp, "absent")}: no such directory` });
});

test("the root image holds the tree, dot files and empty directories, but no *.cleanup artefact", () => {
  const fs = WsFs.open(rootImage(join(d, "tree.dir")));
  expect(fs.list("/").map((e) => e.name).filter((n) => n !== "." && n !== "..").sort()).toEqual([".keep", "data.txt", "sub"]);
  expect(fs.list("/sub").map((e) => e.name).filter((n) => n !== "." && n !== "..")).toEqual([]);
  expect(Buffer.from(fs.readFile("/data.txt")).toString()).toBe("hello, root\n");
  const empty = WsFs.open(rootImage(null));
  expect(empty.list("/").map((e) => e.name).filter((n) => n !== "." && n !== "..")).toEqual([]);
});

test("a verdict names every difference, exactly; an exception for one stream excuses that stream only", () => {
  const [t] = listTests(suite, /cat-root/);
  const enc = (s: string) => new TextEncoder().encode(s);
  expect(judge(t, { exitCode: 0, stdout: enc("hello, root\n"), stderr: enc(""), error: null }).pass).toBe(true);
  const r = judge(t, { exitCode: 2, stdout: enc("hello, root"), stderr: enc("oops\n"), error: null });
  expect(r.pass).toBe(false);
  expect(resultLine(t, r)).toBe('FAIL demo/cat-root (exit code: expected 0, got 2; stdout: expected "hello, root\\n", ' +
    'got "hello, root"; stderr: expected "", got "oops\\n")');
  expect(judge(t, { exitCode: null, stdout: enc(""), stderr: enc(""), error: "not loaded: x" }).why).toMatch(/^not loaded: x; stdout/);
  const any = { test: t.name, reason: "why not" };
  expect(resultLine(t, { ...r, pass: true }, any)).toMatch(/^PASS demo\/cat-root \[listed as an exception/);
  expect(resultLine(t, r, any)).toMatch(/\[exception: why not\]$/);
  const onlyStderr = { ...any, differs: "stderr" as const };
  const noisy = judge(t, { exitCode: 0, stdout: enc("hello, root\n"), stderr: enc("chatter\n"), error: null });
  expect(noisy.pass).toBe(false);
  expect(excused(t, noisy, onlyStderr)).toBe(true);
  expect(excused(t, r, onlyStderr)).toBe(false);        // exit code and stdout differ too
  expect(resultLine(t, r, onlyStderr)).toMatch(/\[listed as an exception for its stderr only: it fails otherwise too\]$/);
  expect(excused(t, judge(t, { exitCode: 0, stdout: enc("hello, root\n"), stderr: enc(""), error: null }), onlyStderr)).toBe(false);
});

describe("end to end on wasmos, one fresh machine per test", () => {
  test("arguments, root image, exit code, stdout and stderr as each spec says", async () => {
    const lines: string[] = [];
    const tests = listTests(suite);
    const results = await runSuite(tests, { ramBytes: 16 << 20 }, (r) => lines.push(resultLine(tests.find((t) => t.name === r.name)!, r)), runOnWasmos);
    expect(lines).toEqual([
      "FAIL demo/bad-spec (bad-spec.json: root no-such.dir: no such directory)",
      "PASS demo/cat-missing",
      "PASS demo/cat-root",
      'FAIL demo/cat-wrong (stdout: expected "hello\\n", got "hello, root\\n")',
      "PASS demo/ls-root",
    ]);
    expect(results.filter((r) => r.pass)).toHaveLength(3);
  }, 120_000);
});

test("wasmos wasi-test: one line per test, the count, exit 1 on a failure, 'skipped' without a suite", () => {
  const ok = cli("wasi-test", suite, "--filter", "cat-(root|missing)");
  expect(ok.stdout).toBe("PASS demo/cat-missing\nPASS demo/cat-root\n2 passed, 0 failed\n");
  expect(ok.stderr).toMatch(/^wasi-test: 2 tests in \d+\.\d s\n$/);
  expect(ok.status).toBe(0);
  const bad = cli("wasi-test", suite, "--filter", "wrong");
  expect(bad.stdout).toBe('FAIL demo/cat-wrong (stdout: expected "hello\\n", got "hello, root\\n")\n0 passed, 1 failed\n');
  expect(bad.status).toBe(1);
  expect(cli("wasi-test", suite, "--filter", "nothing-matches").status).toBe(2);
  const saved = process.env.WASI_TESTSUITE;
  process.env.WASI_TESTSUITE = join(tmp, "absent");
  try {
    const skip = cli("wasi-test");
    expect(skip.stdout).toBe(`wasi-test: skipped: the conformance suite is absent (${join(tmp, "absent")}: no such directory)\n`);
    expect(skip.status).toBe(0);
  } finally {
    if (saved === undefined) delete process.env.WASI_TESTSUITE; else process.env.WASI_TESTSUITE = saved;
  }
}, 120_000);

// node:wasi (uvwasi) runs real suite programs natively: the runner's rules for args, env, the root
// preopen and exit codes are those a WASI runtime needs.
const real = findSuite();
describe.skipIf(!real.dir)("the runner's rules against node's WASI runtime", () => {
  test("args, env, exit code, stdout and the writable root give PASS", async () => {
    const tests = listTests(real.dir!, /^(assemblyscript\/(args_get-multiple-arguments|environ_get-multiple-variables|proc_exit-failure|fd_write-to-stdout)|c\/pwrite-with-access|rust\/path_open_create_existing)$/);
    expect(tests).toHaveLength(6);
    const results = await runSuite(tests, {}, undefined, runOnNode);
    expect(results.map((r, i) => resultLine(tests[i], r))).toEqual(tests.map((t) => `PASS ${t.name}`));
  });
});
if (!real.dir) console.log(`wasi.runner: the WASI conformance suite is absent, its node:wasi checks are skipped (${real.why})`);
