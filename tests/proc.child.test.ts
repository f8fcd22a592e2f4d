// /proc/PID of another process: a parent reads its blocked child's status (State S, Pid, PPid,
// Name), cmdline (NUL-separated), fd/ (getdents64 lists its open fds) and the fd links, which name
// the same pipe as the parent's own link to it ("pipe:[N]"); /proc/self is the reader's pid; the
// child's directory is in /proc's listing while it lives and gone once it is reaped.
import { expect, it } from "vitest";
import { run, testGuest } from "./helpers/machine";

it("/proc/PID/status, cmdline, fd/ of a child", async () => {
  const r = await run(await testGuest("procmm.ts"), ["procmm", "child"]);
  expect(r.stderr).toBe("");
  expect(r.exit.code).toBe(0);
  const lines = r.stdout.split("\n");
  const [, child, parent] = /^child (\d+) parent (\d+)$/.exec(lines[0])!;
  expect(Number(child)).toBeGreaterThan(Number(parent));
  const facts = Object.fromEntries(lines.slice(1).filter(Boolean).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
  expect(facts).toEqual({
    State: "S (sleeping)", Pid: child, PPid: parent, Name: "procmm", cmdline: "procmm|child|",
    fd: "0 1 2 3", "child pipe": facts["own pipe"], "own pipe": expect.stringMatching(/^pipe:\[\d+\]$/),
    "own write end": facts["own pipe"], self: parent, "proc has child": "yes", "after reaping, proc has child": "no",
  });
});
