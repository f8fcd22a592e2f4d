// epoll through the SDK (tests/guests/epollwait.ts) on a traced machine: the strace lines of
// epoll_create1, epoll_ctl and epoll_pwait as strace prints them, the readiness event under each
// wait, a timeout that passes on the virtual clock, a sleep ended by another process's write,
// one wakeup per write for an edge-triggered item nobody reads, each epoll's interest list in an
// accounted frame (Owner.epoll) given back at close, and epoll on the console.
import { expect, test } from "vitest";
import { Readable } from "node:stream";
import { Machine } from "../host/machine";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";
import { formatText } from "../host/trace/format";
import { EPOLLIN } from "../kernel/abi/epoll";

const NS_PER_MS = 1_000_000;

test("epoll_pwait: timeout, wake-up, edge-triggered wakeups, traced; frames accounted", async () => {
  const frames: number[] = [];
  const b = await boot({ disk: undefined, traceMask: 1, keepEvents: true, onEvent: (ev) => {
    if (ev.type === "syscall" && ev.name === "getpid") frames.push(meminfo(b.m).byOwner.epoll);
  } });
  const pid = await b.m.spawn(await testGuest("epollwait.ts"), ["epollwait"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const o = Object.fromEntries(b.stdout().trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), l.slice(i + 1)]; }));
  expect(o.add).toBe("0");
  const waited = Number(/^0 after (\d+) ns$/.exec(o.timeout)?.[1]);
  expect(waited).toBeGreaterThanOrEqual(250 * NS_PER_MS);          // the virtual clock jumped to the deadline
  expect(waited).toBeLessThan(260 * NS_PER_MS);
  expect(o.woken).toBe(`1 0x${EPOLLIN.toString(16)} 42 within 5s yes`);
  expect(o["edge.wakeups"]).toBe("3");
  expect(frames).toEqual([1, 2, 0]);                                // one frame per epoll, none left after close

  const lines = b.m.tracer!.events.filter((e: TraceEvent) => e.pid === pid)
    .map((e) => formatText(e, { multiPid: false })).filter((l): l is string => l !== null);
  expect(lines).toContain("epoll_create1(0) = 3");
  expect(lines).toContain("epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=42, u64=42}}) = 0");
  expect(lines).toContain("epoll_pwait(3, [], 4, 250, NULL, 0) = 0");
  // it slept while the child ran: strace's unfinished / resumed pair
  expect(lines).toContain("epoll_pwait(3,  <unfinished ...>");
  const woke = lines.findIndex((l) => l === "<... epoll_pwait resumed>[{events=EPOLLIN, data={u32=42, u64=42}}], 4, 5000, NULL, 0) = 1");
  expect(woke).toBeGreaterThan(0);
  expect(lines[woke + 1]).toBe("    epoll ready 1: 4 EPOLLIN");        // the readiness event, under its call
  expect(lines).toContain("epoll_ctl(6, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLET, data={u32=7, u64=7}}) = 0");
  b.m.close();
});

test("epoll on the console sleeps until the host's input arrives, then sees end of file", async () => {
  const out: Uint8Array[] = [];
  const stdin = Readable.from([Buffer.from("one\n"), Buffer.from("two\n")]);
  const m = await Machine.create({ ramBytes: 16 << 20, disk: null, net: null, stdin, stdout: (b) => out.push(b), stderr: () => {} });
  const pid = await m.spawn(await testGuest("epollwait.ts"), ["epollwait", "tty"]);
  await m.run();
  expect(m.exitOf(pid)?.code).toBe(0);
  const lines = Buffer.concat(out).toString().trim().split("\n");
  const got = lines.map((l) => /^tty 1 0x1 100 (\d+)$/.exec(l));
  expect(got.every((x) => x !== null), lines.join("|")).toBe(true);
  expect(got.reduce((t, x) => t + Number(x![1]), 0)).toBe(8);       // every byte sent, read after a wait
  expect(lines[lines.length - 1]).toBe("tty 1 0x1 100 0");            // end of file: readable, read gives 0
  m.close();
});
