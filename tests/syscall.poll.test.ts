// ppoll and pselect6 (kernel/poll.ts, kernel/syspoll.ts), run by tests/guests/pollwait.ts: the
// readiness of each file type as Linux reports it (the immediate answers were checked against a
// native C program doing the same calls), a timeout that passes on the virtual clock, and a sleep
// that a write from another process ends, with the time left written back.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { onImage } from "./helpers/fsimage";
import { boot, testGuest } from "./helpers/machine";
import { POLLIN, POLLOUT, POLLHUP, POLLERR, POLLNVAL } from "../kernel/abi/poll";

const hex = (n: number) => `0x${n.toString(16)}`;

test("ppoll and pselect6: readiness by file type, timeouts, wake-up by a pipe write", async () => {
  const r = await onImage(mkfs(2 << 20).bytes, "pollwait.ts", ["pollwait"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const o = Object.fromEntries(r.out.trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), l.slice(i + 1)]; }));
  expect(o).toEqual({
    // empty pipe: nothing; write end: POLLOUT; a file: both; fd 60 not open: POLLNVAL; fd -1 ignored (0)
    "ppoll.now": `3 0x0 ${hex(POLLOUT)} ${hex(POLLIN | POLLOUT)} ${hex(POLLNVAL)} 0x0`,
    "ppoll.timeout": "0 0x0 waited left=0.0",
    "ppoll.woken": `1 ${hex(POLLIN)} after-write 1`,
    "ppoll.woken-left": "1 about-998ms",
    "ppoll.hup": `1 ${hex(POLLHUP)}`,
    "ppoll.err": `1 ${hex(POLLOUT | POLLERR)}`,
    "ppoll.socket": `1 ${hex(POLLOUT | POLLHUP)}`,
    "ppoll.listener": "0 0x0",
    "ppoll.badts": "EINVAL",
    "pselect6": "2 110",
    "pselect6.timeout": "0 waited 0",
    "pselect6.badfd": "EBADF EINVAL",
  });
});

test("ppoll on a TCP connection: woken by the echo's data, then by its FIN", async () => {
  const b = await boot({ net: {} });
  const pid = await b.m.spawn(await testGuest("pollwait.ts"), ["pollwait", "net"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const o = Object.fromEntries(b.stdout().trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), l.slice(i + 1)]; }));
  expect(o).toEqual({
    "net.connect": "0",
    "net.before": `1 ${hex(POLLOUT)}`,                         // connected, nothing to read yet
    "net.send": "4",
    "net.woken": `1 ${hex(POLLIN)} 4`,                         // slept until the echo came
    // the echo closes after our FIN: both directions shut, so POLLHUP too (POLLRDHUP only when asked)
    "net.fin": `1 ${hex(POLLIN | POLLHUP)} 0`,
  });
  b.m.close();
});
