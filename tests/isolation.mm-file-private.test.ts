// A private file mapping never writes the file: its page-cache pages are mapped copy-on-write
// whatever the region's protection, so PROT_READ + mprotect(PROT_WRITE) + a store copies the page
// (also a page mapped by fault-around). A shared mapping of a fd opened O_RDONLY has no
// VM_MAYWRITE: mprotect(PROT_WRITE) and mmap(PROT_WRITE, MAP_SHARED) are EACCES, as on Linux; a
// file offset reaching past 2^63 (Linux's MAX_LFS_FILESIZE) is EOVERFLOW.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, testGuest } from "./helpers/machine";

const data = new Uint8Array(3 * 4096).fill(0x61);
data.fill(0x62, 4096, 8192);
const img = () => mkfs(8 << 20, { files: [{ path: "/ro.txt", data }] }).bytes;

describe("isolation: private file mapping", () => {
  it("mprotect(PROT_WRITE) then stores copy the pages; the file is unchanged", async () => {
    const r = await run(await testGuest("mmiso.ts"), ["mmiso", "file-private", "/ro.txt"], { disk: img() });
    expect(r.stdout).toBe("mapped a\nmprotect ok\nmapping XY\nfile ab\nreopened ab\n");
    expect(r.exit.code).toBe(0);
  });

  it("a shared mapping of an O_RDONLY fd cannot become writable", async () => {
    const r = await run(await testGuest("mmiso.ts"), ["mmiso", "file-shared-ro", "/ro.txt"], { disk: img() });
    expect(r.stdout).toBe("mprotect shared rw EACCES\nmmap shared rw EACCES\nmmap private rw ok\n" +
      "mmap offset 2^63 EOVERFLOW\nmmap offset past 2^63 EOVERFLOW\nstill a\n");
    expect(r.exit.code).toBe(0);
  });
});
