// pipe2 flags: O_CLOEXEC marks both descriptors close-on-exec, O_NONBLOCK sets the status flag on
// both ends, anything else is EINVAL. The read end is O_RDONLY, the write end O_WRONLY (EBADF the
// other way), and a pipe has no position (pread, lseek: ESPIPE).
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";

describe("pipe2 flags", () => {
  it("O_CLOEXEC, O_NONBLOCK, access modes, ESPIPE, EINVAL", async () => {
    const b = await boot();
    const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "flags"]);
    await b.m.run();
    expect(b.stdout()).toBe([
      "cloexec FD 1 1",
      "plain FD 0 0 FL 0 1",
      "read write end EBADF, write read end EBADF",
      "pread ESPIPE, lseek ESPIPE",
      "nonblock FL 2048 2049",
      "O_APPEND EINVAL", ""].join("\n"));
    expect(b.m.exitOf(pid)?.code).toBe(0);
  });
});
