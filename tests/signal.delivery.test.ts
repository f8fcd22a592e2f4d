// Signal delivery (kernel/signal.ts, host/translate/signal.ts), run by tests/guests/sigtest.ts: a
// handler runs and the program goes on; SIGPIPE ignored or caught gives EPIPE; a pipe read
// interrupted by SIGALRM returns EINTR, or is restarted with SA_RESTART; a blocked signal stays
// pending and is delivered when unblocked; rt_sigsuspend and pause; kill to a process group;
// SIGCHLD; SIGSTOP/SIGCONT seen by wait4 with WUNTRACED/WCONTINUED; nanosleep's time left; a loop
// without system calls still gets SIGALRM. Values are Linux's (tests/signal.c-oracle checks the
// same calls against the host's Linux).
import { describe, expect, test } from "vitest";
import { run, testGuest } from "./helpers/machine";
import { Sig } from "../kernel/abi/signals";
import { Stat } from "../kernel/abi/layout";
import { stat } from "./helpers/machine";

async function sigtest(...argv: string[]): Promise<{ o: Record<string, string>; code: number | null; signal: number | null; status: number }> {
  const r = await run(await testGuest("sigtest.ts"), ["sigtest", ...argv], { net: argv[0] === "sock" ? {} : null });
  const o = Object.fromEntries(r.stdout.trim().split("\n").filter((l) => l).map((l) => {
    const i = l.indexOf(" "); return [l.slice(0, i), l.slice(i + 1)];
  }));
  return { o, code: r.exit.code, signal: r.exit.signal, status: r.exit.status };
}

describe("signals", () => {
  test("a handler runs between two statements and the program goes on", async () => {
    const r = await run(await testGuest("sigtest.ts"), ["sigtest", "handler"], { net: null });
    expect(r.stdout).toBe("sigaction 0\nhandler 10\nraise 0\nafter 1\nhandler 10\nkill-self 0 2\n");
    expect(stat(r.machine, Stat.signalsDelivered)).toBe(2);
    expect(stat(r.machine, Stat.signalsSent)).toBe(2);
  }, 60_000);

  test("SIGPIPE ignored or caught: the write returns EPIPE and the program goes on", async () => {
    const { o, code } = await sigtest("pipe");
    expect(code).toBe(0);
    expect(o).toEqual({ write: "EPIPE", "write-handled": `EPIPE 1 ${Sig.SIGPIPE}`, alive: "yes" });
  }, 60_000);

  test("SIGPIPE ignored: a send on a socket shut down for writing returns EPIPE", async () => {
    const { o, code } = await sigtest("sock");
    expect(code).toBe(0);
    expect(o).toEqual({ connect: "0", send: "EPIPE", alive: "yes" });
  }, 60_000);

  test("a pipe read interrupted by SIGALRM: EINTR without SA_RESTART, restarted with it", async () => {
    const { o } = await sigtest("restart");
    expect(o).toEqual({ "read-eintr": "EINTR 1", "read-restart": "3 2", "alarm-left": "0 5", "read-last": "2" });
  }, 60_000);

  test("a blocked signal stays pending (rt_sigpending) and is delivered when unblocked", async () => {
    const bit = String(1 << (Sig.SIGUSR1 - 1));
    const { o } = await sigtest("mask");
    expect(o).toEqual({ block: "0", blocked: `0 pending=${bit}`, unblock: `${bit} 1`, "pending-after": "0" });
  }, 60_000);

  test("rt_sigsuspend and pause return EINTR after the handler; the mask comes back", async () => {
    const bit = String(1 << (Sig.SIGALRM - 1));
    const { o } = await sigtest("suspend");
    expect(o).toEqual({ before: `0 pending=${bit}`, sigsuspend: "EINTR 1", "mask-back": bit, pause: "EINTR 2" });
  }, 60_000);

  test("kill(0) reaches the whole process group; a group that does not exist is ESRCH", async () => {
    const { o } = await sigtest("group");
    expect(o).toEqual({ "kill-group": "0", child: "0x2900", "kill-nogroup": "ESRCH" });   // 41 << 8: each child's handler ran once
  }, 60_000);

  test("SIGCHLD reaches the parent's handler when a child exits; wait4 still returns the child", async () => {
    const { o } = await sigtest("chld");
    expect(o).toEqual({ wait: "child 0x300", sigchld: `1 ${Sig.SIGCHLD}` });
  }, 60_000);

  test("SIGSTOP and SIGCONT: wait4 reports the stop (WUNTRACED) and the continue (WCONTINUED)", async () => {
    const { o } = await sigtest("stop");
    expect(o).toEqual({ stop: "0", "wait-stopped": "0 0x137f", cont: "0", "wait-continued": "0 0xffff", "wait-term": "0 0xf" });
  }, 60_000);

  test("nanosleep interrupted by a handler: EINTR and the time left", async () => {
    const { o } = await sigtest("sleep");
    expect(o).toEqual({ nanosleep: "EINTR 1 rem=4" });
  }, 60_000);

  test("ppoll's mask lets a blocked SIGALRM through for the wait: EINTR, time left, mask back", async () => {
    const { o } = await sigtest("ppoll");
    expect(o).toEqual({ ppoll: "EINTR 1 left=4", "mask-after": String(1 << (Sig.SIGALRM - 1)) });
  }, 60_000);

  test("SA_RESETHAND resets to SIG_DFL; SA_NODEFER nests the handler, the default defers it", async () => {
    const { o } = await sigtest("flags");
    expect(o).toEqual({ resethand: "1", nodefer: "<1<2>>", defer: "<1><1>" });
  }, 60_000);

  test("a loop with no system call still gets SIGALRM (at a preemption point)", async () => {
    const { o } = await sigtest("loop");
    expect(o).toEqual({ loop: "ran 1" });
  }, 60_000);

  test("default actions: terminate (143), core without WCOREFLAG (134), stop, ignore", async () => {
    expect(await sigtest("die", String(Sig.SIGTERM))).toMatchObject({ signal: Sig.SIGTERM, code: null });
    expect(await sigtest("die", String(Sig.SIGABRT))).toMatchObject({ signal: Sig.SIGABRT, code: null, status: Sig.SIGABRT });   // no 0x80
    expect(await sigtest("die", String(Sig.SIGCHLD))).toMatchObject({ o: { survived: String(Sig.SIGCHLD) }, code: 0 });
    expect(await sigtest("die", String(Sig.SIGURG))).toMatchObject({ o: { survived: String(Sig.SIGURG) }, code: 0 });
  }, 60_000);
});
