// What a --perfetto trace shows for sendfile without SG: the syscalls on the process's track (dur =
// the time charged to the call), the disk and NIC DMA on their own tracks with their service time,
// the page cache -> socket CPU copy, flow arrows from sendfile to each of them, and the memory
// counters sampled at syscall boundaries.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { DISK_PID, NIC_PID, COUNTER_PID, type ChromeEvent } from "../host/trace/perfetto";

describe("perfetto: tracks, flows and counters", () => {
  it("sendfile (sg=off): syscall, CPU copy and both DMAs, linked by flows", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-perfetto-"));
    try {
      const file = join(dir, "t.json");
      expect(cli("run", "--nic", "sg=off", "--perfetto", file, "/usr/demo/send", "sendfile", "/data/4k.bin").status).toBe(0);
      const ev = (JSON.parse(readFileSync(file, "utf8")) as { traceEvents: ChromeEvent[] }).traceEvents;
      const name = (pid: number) => ev.find((e) => e.ph === "M" && e.name === "process_name" && e.pid === pid)?.args?.name;
      expect(name(1)).toBe("send (pid 1)");
      expect(name(DISK_PID)).toBe("disk (virtio-blk)");
      expect(name(NIC_PID)).toBe("NIC (virtio-net)");
      const call = ev.find((e) => e.ph === "X" && e.name === "sendfile")!;
      expect(call.pid).toBe(1);
      expect(call.dur).toBeCloseTo((call.args!.durNs as number) / 1000 + 0.25, 6);   // + 2 mode switches + dispatch
      // The flows leaving sendfile end on: the disk read, the page cache -> socket copy, the NIC transmit.
      const starts = new Set(ev.filter((e) => e.ph === "s" && e.pid === 1 && e.ts === call.ts).map((e) => e.id));
      const targets = ev.filter((e) => e.ph === "f" && starts.has(e.id)).map((f) =>
        ev.find((x) => x.ph === "X" && x.pid === f.pid && x.tid === f.tid && x.ts === f.ts)!);
      expect(targets.map((t) => [t.pid, t.name, t.args!.bytes])).toEqual([[DISK_PID, "disk_dma", 4096], [1, "pagecache_copy", 4096],
        [NIC_PID, "nic_dma", 4162]]);
      const disk = targets[0];
      expect(disk.dur).toBeCloseTo(100 + 4096 / 2000, 3);           // 100 us latency + 4 KiB at 2 GB/s
      for (const t of targets) expect(t.ts).toBeGreaterThanOrEqual(call.ts);
      const counters = new Set(ev.filter((e) => e.ph === "C").map((e) => `${e.pid} ${e.name}`));
      expect([...counters].sort()).toEqual([`${COUNTER_PID} dirty pages`, `${COUNTER_PID} free frames`, `${COUNTER_PID} page cache pages`]);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
