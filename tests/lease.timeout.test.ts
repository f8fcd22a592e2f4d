// A lease holder that never releases (guests/demos/leasesend.ts, mode "hold"): the breaker's open
// waits lease-break-time, 45 virtual seconds (Linux's /proc/sys/fs/lease-break-time default), then
// the kernel removes the lease and the open goes on; the holder's F_GETLEASE then says F_UNLCK.
import { expect, test } from "vitest";
import { TraceClass } from "../kernel/abi/trace";
import { Stat } from "../kernel/abi/layout";
import { O_RDWR, O_TRUNC } from "../kernel/abi/fcntl";
import type { TraceEvent } from "../host/trace";
import { boot, distDemo, stat } from "./helpers/machine";

test("the breaker waits 45 s for a holder that never releases, then proceeds", async () => {
  const b = await boot({ disk: undefined, traceMask: TraceClass.syscall, keepEvents: true });
  const pid = await b.m.spawn(distDemo("leasesend"), ["leasesend", "hold", "/leasefile"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout()).toContain("truncator: open(O_RDWR|O_TRUNC) returned after 45000 ms; size now 0\n");
  expect(b.stdout()).toContain("sender: 50 s later, F_GETLEASE F_UNLCK\n");
  const open = b.m.tracer!.events.find((e): e is Extract<TraceEvent, { type: "syscall" }> => e.type === "syscall" &&
    e.name === "openat" && e.pid === 3 && Number(e.args[2]) === (O_RDWR | O_TRUNC))!;
  expect(open.durNs).toBeGreaterThanOrEqual(45_000_000_000);
  expect(open.durNs).toBeLessThan(45_001_000_000);
  expect(stat(b.m, Stat.leaseBreaks)).toBe(1);
  expect(stat(b.m, Stat.leaseBreakTimeouts)).toBe(1);
});
