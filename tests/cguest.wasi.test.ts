// C guests on wasi-libc (the WASI personality) mixing stdio and the Linux calls:
// - hello.c prints through printf;
// - fsend.c prints /etc/motd with fopen/fread, then sends /data/4k.bin (cold) to 10.0.2.2:9 with
//   sendfile: --stats shows the founding table's sendfile, 2 mode switches and 2 DMA transfers,
//   0 CPU copies with scatter-gather DMA and 1 without;
// - send.c counts what send.ts counts for every method. The Linux calls (mmap, sendfile, splice,
//   sendto, recvmsg) match exactly; read and write are WASI's fd_read and fd_write there, which
//   move the same data with the same switches and DMA, plus two small CPU copies of their own:
//   the iovec in (IOVEC_SIZE bytes) and the byte count out (a u32).
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";
import { IOVEC_SIZE } from "../kernel/abi/uio";
import { projectRoot } from "../host/paths";

const dir = mkdtempSync(join(tmpdir(), "wasmos-cwasi-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const U32 = 4;                       // fd_read/fd_write store the byte count as a wasm32 size_t
const motd = readFileSync(join(projectRoot(), "guests/rootfs/etc/motd"), "utf8");

type Counter = { calls: number; modeSwitches: number; cpuCopies: number; cpuCopyBytes: number; dmaCopies: number; dmaCopyBytes: number };
const pick = (b: Counter | undefined) => b && [b.calls, b.modeSwitches, b.cpuCopies, b.cpuCopyBytes, b.dmaCopies, b.dmaCopyBytes];

function stats(tag: string, ...args: string[]) {
  const file = join(dir, `${tag}.json`);
  const r = cli("run", "--stats", file, ...args);
  return { r, s: JSON.parse(readFileSync(file, "utf8")) as { bySyscall: Record<string, Counter> } };
}

describe.skipIf(!hasClang)(`C guests with wasi-libc${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("hello.c prints through printf", async () => {
    const r = cli("run", await cGuest("guests/c/examples/hello.c"), "one", "two");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("hello from C, pid 1, 2 arguments\n  one\n  two\n");
    expect(r.status).toBe(0);
  });

  for (const sg of ["on", "off"]) {
    it(`fsend.c: fopen/fread, then sendfile of /data/4k.bin with the founding table's counts (sg=${sg})`, async () => {
      const { r, s } = stats(`fsend-${sg}`, "--nic", `sg=${sg}`, await cGuest("guests/c/examples/fsend.c"), "--show", "/etc/motd", "/data/4k.bin");
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(`${motd}sendfile: 4096 bytes to 10.0.2.2:9\n`);
      expect(r.status).toBe(0);
      expect(s.bySyscall.fd_read.calls).toBeGreaterThan(0);           // stdio went through WASI
      expect(s.bySyscall.sendfile).toMatchObject({ calls: 1, modeSwitches: 2, dmaCopies: 2, cpuCopies: sg === "on" ? 0 : 1 });
    });
  }

  const LINUX: [string, string[]][] = [["mmap+write", ["mmap"]], ["sendfile", ["sendfile"]], ["splice", ["splice"]],
    ["msg_zerocopy", ["sendto", "recvmsg"]]];
  for (const [method, calls] of LINUX) {
    it(`send.c ${method}: the Linux calls count exactly as in send.ts`, async () => {
      const c = stats(`c-${method}`, await cGuest("guests/c/examples/send.c"), method, "/data/4k.bin");
      const as = stats(`as-${method}`, "/usr/demo/send", method, "/data/4k.bin");
      expect(c.r.status).toBe(0);
      for (const call of calls) expect(pick(c.s.bySyscall[call]), call).toEqual(pick(as.s.bySyscall[call]));
    });
  }

  const WASI: [string, [string, string][]][] = [["read+write", [["fd_read", "read"], ["fd_write", "write"]]],
    ["mmap+write", [["fd_write", "write"]]], ["msg_zerocopy", [["fd_read", "read"]]], ["o_direct", [["fd_read", "read"], ["fd_write", "write"]]]];
  for (const [method, pairs] of WASI) {
    it(`send.c ${method}: fd_read/fd_write move what read/write move, plus the iovec and the count`, async () => {
      const c = stats(`cw-${method}`, await cGuest("guests/c/examples/send.c"), method, "/data/4k.bin");
      const as = stats(`asw-${method}`, "/usr/demo/send", method, "/data/4k.bin");
      expect(c.r.status).toBe(0);
      for (const [wasi, linux] of pairs) {
        const [n, sw, cpu, cpuBytes, dma, dmaBytes] = pick(as.s.bySyscall[linux])!;
        expect(pick(c.s.bySyscall[wasi]), wasi).toEqual([n, sw, cpu + 2 * n, cpuBytes + (IOVEC_SIZE + U32) * n, dma, dmaBytes]);
      }
    });
  }
});
