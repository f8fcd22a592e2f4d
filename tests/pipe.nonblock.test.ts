// O_NONBLOCK: reading an empty pipe and writing a full one return EAGAIN instead of sleeping; a
// write larger than the room moves what fits (65536 bytes: 16 slots of 4096). F_SETFL O_NONBLOCK
// makes a blocking pipe nonblocking.
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";

describe("pipe: O_NONBLOCK", () => {
  it("EAGAIN on an empty read and a full write, a partial write up to the capacity", async () => {
    const b = await boot({ traceMask: 0x1f, keepEvents: true });
    const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "nonblock"]);
    await b.m.run();
    expect(b.stdout()).toBe([
      "empty read EAGAIN", "write 70000 65536", "full write EAGAIN", "read all 65536", "empty again EAGAIN",
      "F_SETFL 0", "now read EAGAIN", ""].join("\n"));
    expect(b.m.exitOf(pid)?.code).toBe(0);
    expect(b.m.tracer!.events.some((e) => e.type === "unfinished")).toBe(false);   // nothing ever slept
  });
});
