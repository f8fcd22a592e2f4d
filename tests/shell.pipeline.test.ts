// sh runs a pipeline: `cat /data/4k.bin | wc` prints wc's counts of the 4096-byte file (stdin is a
// pipe, not a regular file, so the columns are 7 wide, as coreutils); sh exits with wc's status.
import { describe, it, expect } from "vitest";
import { dataBytes } from "../host/fs";
import { boot, distGuest } from "./helpers/machine";

function wcCounts(b: Uint8Array): [number, number, number] {
  let lines = 0, words = 0, inWord = false;
  for (const c of b) {
    if (c === 0x0a) lines++;
    const space = c === 0x20 || (c >= 0x09 && c <= 0x0d);
    if (space) inWord = false; else if (!inWord) { inWord = true; words++; }
  }
  return [lines, words, b.length];
}

describe("sh: a pipeline", () => {
  it("sh -c 'cat /data/4k.bin | wc' prints the counts of the file", async () => {
    const b = await boot({ disk: undefined });
    const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", "cat /data/4k.bin | wc"]);
    await b.m.run();
    const expected = wcCounts(dataBytes(4096)).map((n) => String(n).padStart(7)).join(" ") + "\n";
    expect(b.stdout()).toBe(expected);
    expect(b.stdout()).toBe("     16      97    4096\n");
    expect(b.stderr()).toBe("");
    expect(b.m.exitOf(pid)?.code).toBe(0);
  });
});
