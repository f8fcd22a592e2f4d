// A blocking write() or sendfile() to a socket moves everything asked before it returns, as Linux:
// the socket's 512 KiB send buffer fills, the call sleeps until ACKs make room and goes on, and
// returns the whole count in one call (one syscall, two mode switches). The discard service gets
// both copies of the 1 MiB file intact.
import { expect, test } from "vitest";
import { mkfs, dataBytes } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { boot, testGuest } from "./helpers/machine";

test("write() and sendfile() of 1 MiB to a socket each return 1 MiB in one call", async () => {
  const size = 1 << 20, data = dataBytes(size);
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(8 << 20, { files: [{ path: "/f", data }] }).bytes, net: { discardHash: true } });
  const pid = await b.m.spawn(await testGuest("rareader.ts"), ["rareader", "send", "/f"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.stdout()).toBe(`write ${size}\nsendfile ${size}\n`);
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const s = b.m.stats(pid);
  expect(s.bySyscall.write).toMatchObject({ calls: 3, modeSwitches: 6 });        // the 1 MiB, then the two lines
  expect(s.bySyscall.sendfile).toMatchObject({ calls: 1, modeSwitches: 2 });
  // no data copied by the CPU (sg on): only the 8-byte offset, read again each time the call resumes
  expect(s.bySyscall.sendfile.cpuCopyBytes).toBe(8 * s.bySyscall.sendfile.cpuCopies);
  expect(s.bySyscall.sendfile.cpuCopyBytes).toBeLessThan(size / 100);
  const [t] = b.m.slirp!.services!.discard.connections;
  expect(t.bytes).toBe(2 * size);
  expect(t.fnv).toBe(fnv1a(data, fnv1a(data)));
  b.m.close();
});
