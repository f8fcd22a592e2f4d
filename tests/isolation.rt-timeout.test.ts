// `wasmos run --timeout SECONDS`: a wall-clock bound on the whole run. A guest that computes
// forever is killed when it passes and the CLI exits 124, as timeout(1) does; a program that
// finishes in time exits with its own status; a bad value is a usage error.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { cli } from "./helpers/cli";
import { wat } from "./helpers/wat";

const dir = mkdtempSync(join(tmpdir(), "wasmos-timeout-"));
const forever = join(dir, "forever.wasm");
writeFileSync(forever, wat(`(module (memory 1)
  (func $_start (loop $l (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))) (br $l)))
  (export "_start" (func $_start)))`));

test("a guest that never ends is killed after the timeout; exit 124", () => {
  const t0 = Date.now();
  const r = cli("run", "--timeout", "1.5", forever);
  expect(r.status).toBe(124);
  expect(r.stderr).toBe("wasmos: timed out after 1.5 s (wall clock): every process was killed\n");
  expect(Date.now() - t0).toBeLessThan(100_000);   // not forever (start-up and translation included)
});

test("a program that finishes in time keeps its own exit status", () => {
  const r = cli("run", "--timeout", "60", "dist/demos/hello.wasm");
  expect(r).toEqual({ status: 0, stdout: "hello, world\n", stderr: "" });
});

test("a bad --timeout is a usage error", () => {
  const r = cli("run", "--timeout", "soon", "dist/demos/hello.wasm");
  expect(r.status).toBe(2);
  expect(r.stderr).toBe("wasmos: --timeout soon: a number of seconds greater than 0, e.g. 10 or 2.5\n");
});
