// Splicing into a pipe that has no reader left is EPIPE with SIGPIPE, as a write() is, and as Linux
// does in splice_to_pipe, splice_pipe_to_pipe, link_pipe (tee) and add_to_pipe (vmsplice): the
// process dies by signal 13 whether or not the pipe has room.
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";

describe("splice into a pipe with no reader", () => {
  it("splice, tee and vmsplice get EPIPE and SIGPIPE", async () => {
    const b = await boot({ disk: undefined, traceMask: 1, keepEvents: true });
    const pid = await b.m.spawn(await testGuest("splicer.ts"), ["splicer", "noreader"]);
    await b.m.run();
    expect(b.stdout()).toBe([
      "splice file -> pipe: signal 13",
      "splice pipe -> pipe: signal 13",
      "tee: signal 13",
      "vmsplice: signal 13", ""].join("\n"));
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const failed = b.m.tracer!.events.filter((e) => e.type === "syscall" && e.pid !== pid && e.errno === "EPIPE");
    expect(failed.map((e) => e.type === "syscall" && e.name)).toEqual(["splice", "splice", "tee", "vmsplice"]);
  });
});
