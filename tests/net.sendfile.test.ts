// sendfile(out_fd, in_fd, offset*, count) to a socket, checked as Linux's do_sendfile does: in_fd
// must be a regular file (a socket or the console: EINVAL), out_fd open for writing and in_fd for
// reading (else EBADF), a negative offset is EINVAL. Given an offset pointer, sendfile reads from
// there, stores the new offset and leaves the file offset alone; without one it uses and advances
// the file offset. A count past the end of the file stops at the end (then 0). The discard service
// receives exactly the bytes those offsets name.
import { expect, test } from "vitest";
import { dataBytes, mkfs } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { Errno } from "../kernel/abi/errno";
import { boot, testGuest } from "./helpers/machine";

test("argument checks, offset pointer vs file offset, end of file", async () => {
  const data = dataBytes(10_000);
  const b = await boot({ disk: mkfs(8 << 20, { files: [{ path: "/f", data }] }).bytes, net: { discardHash: true } });
  const pid = await b.m.spawn(await testGuest("sendfileck.ts"), ["sendfileck", "/f"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout().trimEnd().split("\n")).toEqual([
    `sock_in ${-Errno.EINVAL}`,
    `tty_in ${-Errno.EINVAL}`,
    `ro_out ${-Errno.EBADF} 0`,
    `wo_in ${-Errno.EBADF}`,
    `neg_off ${-Errno.EINVAL} -1 0`,
    "off 3000 7000 100",                 // offset pointer advanced, file offset untouched
    "nooff 500 600",                     // the file offset used and advanced
    "eof 1000 10000 600",                // 5000 asked, 1000 left before the end
    "past 0 10000 600",
    "zero 0 0 600",
  ]);
  const tally = b.m.slirp!.services!.discard.connections[0];
  const sent = Buffer.concat([data.subarray(4000, 7000), data.subarray(100, 600), data.subarray(9000)]);
  expect(tally.bytes).toBe(sent.length);
  expect(tally.fnv).toBe(fnv1a(sent));
  b.m.close();
});
