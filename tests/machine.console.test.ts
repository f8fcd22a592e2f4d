// Console: fd 0 reads the host's stdin (blocking until input or end of file), fd 1 and 2 reach the
// host's stdout and stderr.
import { describe, it, expect } from "vitest";
import { Readable } from "node:stream";
import { Machine } from "../host/machine";
import { distGuest } from "./helpers/machine";

async function cat(stdin: Uint8Array | NodeJS.ReadableStream) {
  const out: Uint8Array[] = [];
  const m = await Machine.create({ ramBytes: 16 << 20, disk: null, net: null, stdin, stdout: (b) => out.push(b), stderr: () => {} });
  const pid = await m.spawn(distGuest("cat"), ["cat"]);
  await m.run();
  return { text: Buffer.concat(out).toString("utf8"), exit: m.exitOf(pid) };
}

describe("console", () => {
  it("cat copies stdin bytes to stdout and ends at end of file", async () => {
    const r = await cat(new TextEncoder().encode("hello\nworld\n"));
    expect(r.text).toBe("hello\nworld\n");
    expect(r.exit?.code).toBe(0);
  });

  it("a reader blocks until a stream delivers input, across several chunks", async () => {
    const stream = Readable.from([Buffer.from("one "), Buffer.from("two "), Buffer.from("three\n")]);
    const r = await cat(stream);
    expect(r.text).toBe("one two three\n");
  });
});
