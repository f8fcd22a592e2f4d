// /proc/meminfo inside agrees with the host's inspection API (host/inspect.ts meminfo, printed by
// `--inspect mem`) taken right after the guest's openat made the text: MemTotal and MemFree are
// the frame totals, AnonPages, PageTables, Buffers + Cached (the page cache), Slab (pipes and
// sockets) and KernelTotal the owners' frames, in kB. The guest mapped and touched 1 MiB first, so
// AnonPages is at least that.
import { expect, it } from "vitest";
import { cli } from "./helpers/cli";
import { procmmPath, inspected } from "./helpers/procmm";

const KB = 4;   // kB per frame

function field(text: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text);
  if (!m) throw new Error(`no ${name} line in:\n${text}`);
  return Number(m[1]);
}

it("cat /proc/meminfo: the host's frame counts, in Linux's format", async () => {
  const r = cli("run", "--inspect", "mem", "--inspect-at", "openat", await procmmPath(), "meminfo");
  expect(r.status).toBe(0);
  const host = inspected(r.stderr);
  const text = r.stdout;
  for (const line of text.trimEnd().split("\n")) expect(line).toMatch(/^[A-Za-z()_]+:\s+\d+ kB$/);
  expect(text.split("\n")[0]).toMatch(/^MemTotal: {7}\s*\d+ kB$/);
  expect(field(text, "MemTotal")).toBe(host.total * KB);
  expect(field(text, "MemFree")).toBe(host.free * KB);
  expect(field(text, "AnonPages")).toBe(host.owners.anon * KB);
  expect(field(text, "AnonPages")).toBeGreaterThanOrEqual(1024);
  expect(field(text, "PageTables")).toBe(host.owners.pagetable * KB);
  expect(field(text, "Buffers") + field(text, "Cached")).toBe(host.owners.pagecache * KB);
  expect(field(text, "Slab")).toBe((host.owners.pipe + host.owners.socket) * KB);
  expect(field(text, "KernelTotal")).toBe(host.owners.kernel * KB);
  expect(field(text, "MemAvailable")).toBeGreaterThanOrEqual(field(text, "MemFree"));
  expect(field(text, "SwapTotal")).toBe(0);
});
