// fstat on a pipe reports a FIFO (S_IFIFO, 0x1000) for both ends, as Linux does.
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";

describe("pipe: fstat", () => {
  it("both ends are S_IFIFO", async () => {
    const b = await boot();
    await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "fstat"]);
    await b.m.run();
    expect(b.stdout()).toBe("S_IFMT 0x1000 0x1000\n");
  });
});
