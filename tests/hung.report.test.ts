// Hung tasks: when every process sleeps with nothing that could wake it, `wasmos run` lists each one
// on stderr as Linux's hung-task report does (pid, name, the call it sleeps in, its wait channel in
// /proc/PID/wchan words and in plain words, its parent), kills them and exits 123 (EXIT_HUNG), a
// status no signal death (128 + N) gives. The API reports the same list in Machine.hungTasks.
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { testGuest } from "./helpers/machine";
import { EXIT_HUNG } from "../host/run";

let prog = "";
beforeAll(async () => {
  prog = join(mkdtempSync(join(tmpdir(), "wasmos-hang-")), "hang.wasm");
  writeFileSync(prog, await testGuest("hang.ts"));
});

/** Run `hang MODE`: its exit status, the pid of each role it printed, and the report's task lines. */
function hang(mode: string) {
  const r = cli("run", prog, mode);
  const pids = Object.fromEntries([...r.stdout.matchAll(/^pid (\d+) (\w+)$/gm)].map((m) => [m[2], Number(m[1])]));
  const tasks = r.stderr.split("\n").filter((l) => l.startsWith("INFO: task "));
  return { status: r.status, pids, tasks, stderr: r.stderr };
}

const line = (pid: number, call: string, wchan: string, words: string, ppid: number) =>
  `INFO: task hang.wasm:${pid} blocked in ${call}(): wchan ${wchan} (${words}), ppid ${ppid}`;

describe("hung tasks", () => {
  it("is a status no signal gives", () => {
    expect(EXIT_HUNG).toBeLessThan(128);
    expect([124, 125, 126, 127, 2]).not.toContain(EXIT_HUNG);
  });

  it("a process reading its own pipe, the write end open: pipe_read, exit 123", () => {
    const r = hang("self");
    expect(r.status).toBe(EXIT_HUNG);
    expect(r.tasks).toEqual([line(r.pids.reader, "read", "pipe_read", "pipe read", 0)]);
    expect(r.stderr).toMatch(/^wasmos: hung tasks: every process sleeps and nothing can wake any of them$/m);
    expect(r.stderr).toMatch(new RegExp(`^wasmos: 1 hung task killed \\(SIGKILL\\); exit status ${EXIT_HUNG}$`, "m"));
  });

  it("two processes each waiting on the other: both named, each with its channel and parent", () => {
    const r = hang("pair");
    expect(r.status).toBe(EXIT_HUNG);
    expect(r.pids.child).not.toBe(r.pids.parent);
    expect(r.tasks.sort()).toEqual([line(r.pids.parent, "read", "pipe_read", "pipe read", 0),
      line(r.pids.child, "read", "pipe_read", "pipe read", r.pids.parent)].sort());
    expect(r.stderr).toMatch(/^wasmos: 2 hung tasks killed/m);
  });

  it("a parent in wait4 for a child blocked on a pipe: do_wait and pipe_read", () => {
    const r = hang("child");
    expect(r.status).toBe(EXIT_HUNG);
    expect(r.tasks.sort()).toEqual([line(r.pids.parent, "wait4", "do_wait", "wait4 for children", 0),
      line(r.pids.child, "read", "pipe_read", "pipe read", r.pids.parent)].sort());
  });

  it("a writer on its own full pipe: pipe_write", () => {
    const r = hang("full");
    expect(r.status).toBe(EXIT_HUNG);
    expect(r.tasks).toEqual([line(r.pids.writer, "write", "pipe_write", "pipe write", 0)]);
  });

  it("accept on a socket nobody connects to: inet_csk_accept", () => {
    const r = hang("accept");
    expect(r.status).toBe(EXIT_HUNG);
    expect(r.tasks).toEqual([line(r.pids.acceptor, "accept", "inet_csk_accept", "socket accept", 0)]);
  });

  it("a process stopped by SIGSTOP with nobody to continue it: do_signal_stop", () => {
    const r = hang("stop");
    expect(r.status).toBe(EXIT_HUNG);
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatch(new RegExp(`^INFO: task hang\\.wasm:${r.pids.stopped} blocked .*: wchan do_signal_stop \\(stopped \\(SIGCONT\\)\\), ppid 0$`));
  });

  it("run --help documents the status", () => {
    const r = cli("run", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${EXIT_HUNG} when every process hung`);
  });
});
