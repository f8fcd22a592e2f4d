// The tee program: with pipes on both sides (in a shell pipeline) it uses tee(2) and splice, so the
// data is never copied through its memory: its tee calls make no CPU copy, and stdout and every FILE
// get the bytes intact; with no FILE it just splices stdin to stdout. With a file on stdin and FILEs,
// tee(2) says EINVAL and it falls back to read and write.
import { describe, it, expect } from "vitest";
import { dataBytes } from "../host/fs";
import { boot, distGuest } from "./helpers/machine";

const data = dataBytes(4096);
const wc4k = (name = "") => `${["16", "97", "4096"].map((s) => s.padStart(name ? 4 : 7)).join(" ")}${name ? " " + name : ""}\n`;

async function sh(cmd: string) {
  const b = await boot({ disk: undefined });
  const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", cmd]);
  await b.m.run();
  return { b, s: b.m.stats(pid) };
}

describe("tee (program)", () => {
  it("between pipes: tee(2) + splice, no CPU copy in tee, every copy intact", async () => {
    const { b, s } = await sh("cat /data/4k.bin | tee /a /b | wc; cat /a; cat /b");
    expect(b.stderr()).toBe("");
    expect(s.exitCode).toBe(0);
    const out = b.stdoutBytes();
    expect(Buffer.from(out.subarray(0, 24)).toString()).toBe(wc4k());
    expect(out.subarray(24)).toEqual(new Uint8Array([...data, ...data]));
    expect(s.bySyscall.tee.calls).toBeGreaterThanOrEqual(2);
    expect(s.bySyscall.tee).toMatchObject({ cpuCopies: 0, cpuCopyBytes: 0 });
  });

  it("with no FILE: splice stdin to stdout", async () => {
    const { b, s } = await sh("cat /data/4k.bin | tee | wc");
    expect(b.stdout()).toBe(wc4k());
    expect(s.bySyscall.tee).toBeUndefined();
    expect(s.bySyscall.splice).toMatchObject({ calls: 2, errors: 0, cpuCopies: 0 });
  });

  it("from a file: read and write", async () => {
    const { b, s } = await sh("tee /c < /data/4k.bin > /d; wc /c /d");
    expect(b.stderr()).toBe("");
    expect(s.exitCode).toBe(0);
    expect(b.stdout()).toBe("  16   97 4096 /c\n  16   97 4096 /d\n  32  194 8192 total\n");
    expect(s.bySyscall.tee).toMatchObject({ calls: 1, errors: 1 });     // EINVAL: stdin is not a pipe
    expect(s.bySyscall.splice).toBeUndefined();
  });
});
