// splice from a socket with nothing to give answers as recv does (review of kernel/net for issue
// 10). From a listening socket it slept forever (nothing could wake it: the machine killed the
// program as deadlocked); after the peer's reset it returned 0, an end of file, instead of the
// error. As Linux's tcp_splice_read: ENOTCONN for a listener, the reset's ECONNRESET once, then 0.
import { expect, test } from "vitest";
import { Errno } from "../kernel/abi/errno";
import { boot, testGuest } from "./helpers/machine";

const RESETTER = 5005;

async function splicesock(args: string[]) {
  const b = await boot();
  b.m.slirp!.tcp.listen(RESETTER, () => ({ data: (c) => c.abort() }));
  const pid = await b.m.spawn(await testGuest("splicesock.ts"), ["splicesock", ...args]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  return { exit: b.m.exitOf(pid)!, lines: b.stdout().trimEnd().split("\n") };
}

test("splice from a listening socket: ENOTCONN", async () => {
  const r = await splicesock(["listen"]);
  expect([r.exit.signal, r.exit.code]).toEqual([null, 0]);
  expect(r.lines).toEqual([`splice ${-Errno.ENOTCONN}`]);
});

test("splice after the peer's reset: ECONNRESET once, then 0", async () => {
  const r = await splicesock(["reset", String(RESETTER)]);
  expect([r.exit.signal, r.exit.code]).toEqual([null, 0]);
  expect(r.lines).toEqual([`splice ${-Errno.ECONNRESET}`, "splice 0"]);
});
