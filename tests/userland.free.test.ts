// /bin/free against procps free: the guest's free runs on a fresh machine with the syscall trace
// on, which keeps the /proc/meminfo text it read; the host's free is then given that very text
// (bind-mounted over /proc/meminfo) and must print the same bytes, for each unit and layout flag.
// Without mount namespaces (not root) that part is skipped; the arithmetic is still checked
// against the same text.
import { describe, expect, test } from "vitest";
import { canBindMount, hostOnProc, runReading } from "./helpers/procread";
import { hasTool } from "./helpers/gnu";

const kb = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text)?.[1]);

async function freeRun(argv: string[]) {
  const r = await runReading("free", argv);
  const meminfo = r.reads.find((t) => t.startsWith("MemTotal:"));
  if (!meminfo) throw new Error("free read no /proc/meminfo");
  return { ...r, meminfo };
}

describe.skipIf(!hasTool("free") || !canBindMount())("free as procps free on the same /proc/meminfo", () => {
  test.each([[[]], [["-b"]], [["-k"]], [["-m"]], [["-g"]], [["-h"]], [["-w"]], [["-t"]], [["-wt"]], [["-h", "-t"]], [["-bw"]]])("free %j", async (argv) => {
    const g = await freeRun(argv);
    const host = hostOnProc({ "/proc/meminfo": g.meminfo }, ["free", ...argv]);
    if (host === null) throw new Error("bind mount failed");
    expect({ status: g.code, stdout: g.stdout, stderr: g.stderr }).toEqual(host);
  });
});

test("free's numbers are /proc/meminfo's: used = total - available, buff/cache = Buffers + Cached + SReclaimable", async () => {
  const g = await freeRun(["-w"]);
  const [head, mem, swap] = g.stdout.split("\n");
  expect(head.trim().split(/\s+/)).toEqual(["total", "used", "free", "shared", "buffers", "cache", "available"]);
  const m = mem.split(/\s+/);
  const t = g.meminfo;
  expect(m[0]).toBe("Mem:");
  expect(m.slice(1).map(Number)).toEqual([kb(t, "MemTotal"), kb(t, "MemTotal") - kb(t, "MemAvailable"), kb(t, "MemFree"),
    kb(t, "Shmem"), kb(t, "Buffers"), kb(t, "Cached") + kb(t, "SReclaimable"), kb(t, "MemAvailable")]);
  expect(swap.split(/\s+/)).toEqual(["Swap:", "0", "0", "0"]);
  expect(kb(t, "MemTotal")).toBe(65536);                                // the machine's 64 MiB
  const b = await freeRun(["-b"]);
  expect(Number(b.stdout.split("\n")[1].split(/\s+/)[1])).toBe(kb(b.meminfo, "MemTotal") * 1024);
});

test("usage: a bad option, an operand; --help", async () => {
  const bad = await runReading("free", ["-x"]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toBe("free: invalid option -- 'x'\nTry 'free --help' for more information.\n");
  expect((await runReading("free", ["--help"])).stdout).toMatch(/^Usage: free /);
});
