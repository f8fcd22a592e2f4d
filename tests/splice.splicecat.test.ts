// The splice-cat program: FILE -> pipe -> stdout or a TCP socket by splice only. To the console the
// bytes come out intact; to the discard service at 10.0.2.2:9 the 4 KiB and 16 MiB files arrive
// intact with no CPU copy of the data (no read or write call at all); a missing file is an error.
import { describe, it, expect } from "vitest";
import { dataBytes } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { boot, distDemo } from "./helpers/machine";

async function spliceCat(...args: string[]) {
  const b = await boot({ disk: undefined, ramBytes: 64 << 20, net: { discardHash: true } });
  const pid = await b.m.spawn(distDemo("splice-cat"), ["splice-cat", ...args]);
  await b.m.run();
  return { b, pid, s: b.m.stats(pid) };
}

describe("splice-cat", () => {
  it("copies a file to stdout", async () => {
    const { b, s } = await spliceCat("/data/4k.bin");
    expect(b.stderr()).toBe("");
    expect(s.exitCode).toBe(0);
    expect(b.stdoutBytes()).toEqual(dataBytes(4096));
    expect(s.bySyscall.splice.calls).toBe(3);              // in, out, and the one that finds the end
    expect(s.bySyscall.read).toBeUndefined();
  });

  it.each([["/data/4k.bin", 4096], ["/data/big.bin", 16 << 20]])("sends %s to the discard service with 0 CPU copies", async (file, size) => {
    const { b, s } = await spliceCat(file, "10.0.2.2:9");
    expect(b.stderr()).toBe("");
    expect(s.exitCode).toBe(0);
    const conns = b.m.slirp!.services!.discard.connections;
    expect(conns.length).toBe(1);
    expect(conns[0].bytes).toBe(size);
    expect(conns[0].fnv).toBe(fnv1a(dataBytes(size)));
    expect(s.bySyscall.splice).toMatchObject({ cpuCopies: 0, cpuCopyBytes: 0 });
    expect(s.bySyscall.splice.dmaCopyBytes).toBeGreaterThanOrEqual(2 * size);   // disk in, NIC out
    expect(s.bySyscall.write).toBeUndefined();
  });

  it("reports a file it cannot open", async () => {
    const { b, s } = await spliceCat("/nope");
    expect(b.stderr()).toBe("splice-cat: /nope: ENOENT\n");
    expect(s.exitCode).toBe(1);
  });
});
