// /proc/self/maps lists exactly the regions the host's inspection view lists for the process
// (`--inspect maps` after the openat of /proc/self/maps): same start, end and protection, in
// address order, in Linux's line format, the heap as [heap], the argument block as [stack], the
// file mapping with its inode and path; an mlock in the middle of a region splits it in both.
import { expect, it } from "vitest";
import { cli } from "./helpers/cli";
import { procmmPath, inspected } from "./helpers/procmm";

const LINE = /^([0-9a-f]{8})-([0-9a-f]{8}) ([r-][w-][x-])([ps]) ([0-9a-f]{8}) ([0-9a-f]{2}:[0-9a-f]{2}) (\d+)(?: +(\S.*))?$/;

it("/proc/self/maps: the inspection view's regions, in Linux's format", async () => {
  const r = cli("run", "--inspect", "maps", "--inspect-at", "openat", await procmmPath(), "maps");
  expect(r.status).toBe(0);
  const host = inspected(r.stderr).regions;
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines.length).toBe(host.length);
  expect(lines.length).toBeGreaterThanOrEqual(7);
  lines.forEach((l, i) => {
    const m = LINE.exec(l);
    expect(m, l).not.toBeNull();
    const [, start, end, prot, , , , ino, name] = m!;
    expect({ start: parseInt(start, 16), end: parseInt(end, 16), prot }).toEqual({ start: host[i].start, end: host[i].end, prot: host[i].prot });
    const want = { heap: "[heap]", args: "[stack]", file: "/data/4k.bin", anon: undefined }[host[i].kind as "heap" | "args" | "file" | "anon"];
    expect(name).toBe(want);
    if (host[i].kind === "file") { expect(Number(ino)).toBeGreaterThan(0); expect(l.indexOf("/data")).toBe(73); }
  });
  expect(host.filter((h) => h.kind === "anon" && h.prot === "rw-").length).toBe(3);   // split by the mlock
});
