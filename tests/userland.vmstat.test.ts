// /bin/vmstat against procps vmstat: the guest's vmstat runs with the syscall trace on, which
// keeps the /proc/stat, /proc/vmstat and /proc/meminfo texts it read; the host's vmstat is given
// those very texts (bind-mounted over its own; skipped where mounting is not allowed) and must
// print the same bytes. Then `vmstat 1 3` on the virtual clock: an idle machine is 100% idle
// between samples; with a busy loop in the background the CPU is all user + system time.
import { describe, expect, test } from "vitest";
import { canBindMount, hostOnProc, runReading } from "./helpers/procread";
import { hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

async function vmstatRun(argv: string[]) {
  const r = await runReading("vmstat", argv);
  const seen = (prefix: string) => r.reads.find((t) => t.startsWith(prefix)) ?? "";
  return { ...r, files: { "/proc/stat": seen("cpu "), "/proc/vmstat": seen("nr_free_pages"), "/proc/meminfo": seen("MemTotal:") } };
}

describe.skipIf(!hasTool("vmstat") || !canBindMount())("vmstat as procps vmstat on the same /proc files", () => {
  test.each([[[]], [["-S", "M"]], [["-S", "k"]], [["-n"]]])("vmstat %j", async (argv) => {
    const g = await vmstatRun(argv);
    for (const text of Object.values(g.files)) expect(text).not.toBe("");
    const host = hostOnProc(g.files, ["vmstat", ...argv]);
    if (host === null) throw new Error("bind mount failed");
    expect({ status: g.code, stdout: g.stdout, stderr: g.stderr }).toEqual(host);
  });
});

const rows = (out: string) => out.trimEnd().split("\n").slice(2).map((l) => l.trim().split(/\s+/).map(Number));
const CPU = 12;    // us sy id wa st are the last five columns

test("vmstat 1 3 on the virtual clock: idle is 100% idle; a busy loop is all CPU time", () => {
  const idle = cli("run", "/bin/vmstat", "1", "3");
  expect(idle.status).toBe(0);
  expect(idle.stdout.split("\n").slice(0, 2).join("\n")).toBe(
    "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n" +
    " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st");
  const r = rows(idle.stdout);
  expect(r).toHaveLength(3);
  for (const row of r.slice(1)) expect(row.slice(CPU)).toEqual([0, 0, 100, 0, 0]);
  const busy = cli("run", "/bin/sh", "-c", "while :; do :; done & /bin/vmstat 1 3; kill $!");
  const b = rows(busy.stdout);
  expect(b).toHaveLength(3);
  for (const row of b.slice(1)) {
    expect(row[0]).toBeGreaterThanOrEqual(2);                       // the loop and vmstat are runnable
    expect(row[CPU] + row[CPU + 1]).toBeGreaterThanOrEqual(99);      // us + sy
    expect(row[CPU + 2]).toBeLessThanOrEqual(1);
  }
});

test("usage: a zero delay, a bad number, a bad unit; --help", () => {
  expect(cli("run", "/bin/vmstat", "0")).toMatchObject({ status: 1, stderr: "vmstat: delay must be positive integer\n" });
  expect(cli("run", "/bin/vmstat", "x")).toMatchObject({ status: 1, stderr: "vmstat: failed to parse argument: 'x'\n" });
  expect(cli("run", "/bin/vmstat", "-S", "q").status).toBe(1);
  expect(cli("run", "/bin/vmstat", "--help")).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: vmstat /) });
});
