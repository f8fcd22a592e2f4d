// accept with a bad address buffer (kernel half, or unmapped) is EFAULT and installs no descriptor,
// as Linux's __sys_accept4_file: the connection was taken off the queue, so it is closed (the peer
// sees it end) and the fd slot given back. Before the fix accept returned the new fd (4 then 5 here)
// and the failed copy of the peer's address went unreported.
import { afterEach, expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { Errno } from "../kernel/abi/errno";
import { boot, testGuest, type Booted } from "./helpers/machine";

const PORT = 8080;
let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("accept with a bad address buffer: EFAULT, no fd, the connection closed", async () => {
  let ended = 0;
  b = await boot({ ramBytes: 32 << 20, onStdout: (bytes) => {
    if (Buffer.from(bytes).toString().includes("listening"))
      for (let k = 0; k < 2; k++) b!.m.slirp!.tcp.connect(PORT, { end: (c) => { ended++; c.close(); } });
  } });
  const m = b.m;
  const atBoot = meminfo(m);
  const pid = await m.spawn(await testGuest("listener.ts"), ["listener", "efault", String(PORT)]);
  await m.run();
  expect(b.stderr()).toBe("");
  expect(m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout().trimEnd().split("\n")).toEqual(["listening", `accept ${-Errno.EFAULT}`, `accept ${-Errno.EFAULT}`,
    "dup 4", `accept ${-Errno.EAGAIN}`]);
  expect(ended).toBe(2);
  expect(m.slirp!.tcp.conns()).toEqual([]);
  expect(meminfo(m).free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
});
