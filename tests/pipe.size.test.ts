// F_GETPIPE_SZ / F_SETPIPE_SZ as Linux: 65536 by default; a size rounds up to a power-of-two number
// of pages (0: one page); negative EINVAL; above 1 MiB (pipe-max-size) EPERM; smaller than the data queued EBUSY (size unchanged);
// resizing keeps the queued data in order, also when the ring has wrapped; a non-pipe is EBADF.
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";

describe("pipe: F_SETPIPE_SZ", () => {
  it("rounds, limits, refuses to drop data (EBUSY) and keeps it across resizes", async () => {
    const b = await boot();
    const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "size"]);
    await b.m.run();
    expect(b.stdout()).toBe([
      "get 65536",
      "set 0 4096, set -1 EINVAL",
      "set 4096 4096",
      "set 5000 8192 get 8192",
      "set 1048576 1048576",
      "set 1048577 EPERM",
      "set 65536 65536",
      "write 12288 12288",
      "set 8192 EBUSY get 65536",
      "set 16384 16384",
      "read 4096 4096 intact",
      "write 8192 8192, full: EAGAIN",
      "set 65536 65536",
      "read 16384 intact",
      "file EBADF", ""].join("\n"));
    expect(b.m.exitOf(pid)?.code).toBe(0);
  });
});
