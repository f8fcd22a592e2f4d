// splice, tee and vmsplice refuse what Linux refuses: EINVAL when neither end is a pipe (or for
// unknown flags, or tee with a file, or a pipe with itself), ESPIPE for an offset on a pipe, EBADF
// for a bad descriptor or the wrong access mode, EAGAIN with SPLICE_F_NONBLOCK or O_NONBLOCK on an
// empty or full pipe. An explicit file offset is used and advanced instead of the file position;
// at the end of the file splice returns 0.
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";

describe("splice, tee, vmsplice: errors", () => {
  it("EINVAL, ESPIPE, EBADF, EAGAIN as in Linux", async () => {
    const b = await boot({ disk: undefined });
    const pid = await b.m.spawn(await testGuest("splicer.ts"), ["splicer", "errors"]);
    await b.m.run();
    expect(b.stdout()).toBe([
      "file -> file EINVAL",
      "offset on the pipe in ESPIPE",
      "offset on the pipe out ESPIPE",
      "write end as input EBADF",
      "read end as output EBADF",
      "O_WRONLY file as input EBADF",
      "O_RDONLY file as output EBADF",
      "bad fd EBADF",
      "bad flags EINVAL",
      "len 0 0",
      "empty pipe, SPLICE_F_NONBLOCK EAGAIN",
      "full pipe, SPLICE_F_NONBLOCK EAGAIN",
      "tee into a full pipe, SPLICE_F_NONBLOCK EAGAIN",
      "empty O_NONBLOCK pipe EAGAIN",
      "pipe -> pipe offset ESPIPE",
      "tee from a file EINVAL",
      "tee to a file EINVAL",
      "tee a pipe to itself EINVAL",
      "tee empty, SPLICE_F_NONBLOCK EAGAIN",
      "vmsplice from an empty read end, SPLICE_F_NONBLOCK EAGAIN",
      "vmsplice to a file EBADF",
      "splice at offset 4000 96, offset now 4096, file position 0",
      "splice at the end 0",
      ""].join("\n"));
    expect(b.m.exitOf(pid)?.code).toBe(0);
  });
});
