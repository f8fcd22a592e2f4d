// `wasmos run --inspect VIEWS [--inspect-at SYSCALL|end]`: what is inside the machine, on stderr.
// After splice-cat's first splice (file -> pipe) the pipe's one slot holds the page-cache page of
// /data/4k.bin (refcount 2: the cache's and the slot's); after the second (pipe -> socket) the
// pipe is empty and the page is still held elsewhere (the socket, until the peer's ACK). At the end
// of a run no process is left. The views name things (a process's command, a cached file's and a
// file mapping's path) without reading anything: the counts are the same with and without them.
// Unknown views and points are usage errors (exit 2).
import { describe, it, expect } from "vitest";
import { cli } from "./helpers/cli";

describe("cli: run --inspect", () => {
  it("shows the pipe slot holding the page-cache page after each splice", () => {
    const r = cli("run", "--inspect", "pipes,pagecache", "--inspect-at", "splice", "/usr/demo/splice-cat", "/data/4k.bin", "10.0.2.2:9");
    expect(r.status).toBe(0);
    const parts = r.stderr.split(/^--- /m).filter(Boolean);
    expect(parts.map((p) => p.split("\n")[0])).toEqual([
      "inspect after splice = 4096 (pid 1) ---", "inspect after splice = 4096 (pid 1) ---", "inspect after splice = 0 (pid 1) ---"]);
    const slot = /slot 0: frame (\d+) offset 0 len 4096 \(page cache: inode (\d+) \/data\/4k\.bin page 0, refcount 2\)/.exec(parts[0]);
    expect(slot).not.toBeNull();
    expect(parts[0]).toMatch(/pipe 0: 1 readers, 1 writers, 1\/16 slots, 4096 bytes queued/);
    expect(parts[0]).toContain(`inode ${slot![2]} /data/4k.bin: 1 page, 0 dirty, 0 mapped, 1 also held elsewhere`);
    expect(parts[1]).toMatch(/pipe 0: 1 readers, 1 writers, 0\/16 slots, 0 bytes queued/);
    expect(parts[1]).not.toContain("slot 0:");
  });

  it("at the end: no process, and the memory by owner", () => {
    const r = cli("run", "--inspect", "procs,mem", "/usr/demo/hello");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^--- inspect at the end of the run ---\nprocs:\n  \(none\)\nmem:\n  frames 16384, free \d+; in use: kernel \d+, pagetable 0, anon 0, /);
  });

  it("a process's page table and regions at a syscall", () => {
    const r = cli("run", "--inspect", "maps,pagetable", "--inspect-at", "getpid", "dist/demos/getpid.wasm", "1");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/maps:\n  pid 1:\n    0x00000000-0x[0-9a-f]{8} rw- heap\n/);
    expect(r.stderr).toMatch(/pagetable:\n  pid 1: \d+ pages present\n    0x00000000 -> frame \d+ w accessed dirty/);
  });

  it("names things: a process by its command, a cached file and a file mapping by their paths", () => {
    const r = cli("run", "--inspect", "procs,maps,pagecache", "--inspect-at", "mmap", "/usr/demo/mmapfile", "/etc/motd");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/procs:\n  pid 1 \(mmapfile\) ppid 0 running/);
    expect(r.stderr).toMatch(/maps:\n  pid 1:\n(    .*\n)*    0x[0-9a-f]{8}-0x[0-9a-f]{8} r-- file \/etc\/motd\n/);
    expect(r.stderr).toMatch(/  inode \d+ \/usr\/demo\/mmapfile: \d+ pages/);
    expect(r.stderr).toMatch(/  inode 1 \/: 1 page/);
  });

  it("naming reads nothing: the same counts with and without --inspect", () => {
    const counts = (s: string) => JSON.parse(s.slice(s.indexOf("{")));
    const plain = cli("run", "--stats", "-", "/bin/cat", "/etc/motd");
    const looked = cli("run", "--stats", "-", "--inspect", "all", "--inspect-at", "read", "/bin/cat", "/etc/motd");
    expect([plain.status, looked.status]).toEqual([0, 0]);
    const a = counts(plain.stdout), b = counts(looked.stdout);
    for (const k of ["syscalls", "cpuCopies", "dmaCopies", "pageCache", "tlb", "pageFaults"]) expect([k, b[k]]).toEqual([k, a[k]]);
  });

  it("unknown views and points are usage errors", () => {
    const a = cli("run", "--inspect", "bogus", "/usr/demo/hello");
    expect([a.status, a.stderr]).toEqual([2, "wasmos: unknown view 'bogus' (use mem, procs, maps, pagetable, tlb, pagecache, pipes or all)\n"]);
    const b = cli("run", "--inspect", "mem", "--inspect-at", "nosuch", "/usr/demo/hello");
    expect([b.status, b.stderr]).toEqual([2, "wasmos: --inspect-at nosuch: not a syscall name (e.g. splice, getpid), nor \"end\"\n"]);
  });
});
