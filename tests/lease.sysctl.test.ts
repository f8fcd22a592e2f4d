// /proc/sys/fs/lease-break-time: 45 at boot (Linux's default); a decimal write sets it and the next
// lease break waits that long for a holder that never releases (leasesend's "hold" mode); a write
// that is not a number is EINVAL (the shell's echo does not say so) and leaves it as it was.
import { expect, test } from "vitest";
import { TraceClass } from "../kernel/abi/trace";
import { Errno } from "../kernel/abi/errno";
import { distGuest, run } from "./helpers/machine";

test("lease-break-time reads 45, takes a new value, and the break waits that long", async () => {
  const r = await run(distGuest("sh"), ["sh", "-c",
    "cat /proc/sys/fs/lease-break-time; echo 2 > /proc/sys/fs/lease-break-time; cat /proc/sys/fs/lease-break-time; " +
    "echo x2 > /proc/sys/fs/lease-break-time; cat /proc/sys/fs/lease-break-time; " +
    "/usr/demo/leasesend hold /leasefile | grep truncator"], { disk: undefined, traceMask: TraceClass.syscall, keepEvents: true });
  expect(r.stdout).toBe("45\n2\n2\ntruncator: open(O_RDWR|O_TRUNC) returned after 2000 ms; size now 0\n");
  const writes = r.machine.tracer!.events.filter((e) => e.type === "syscall" && e.name === "write" && e.text.startsWith("write(1, \"x2\\n\""));
  expect(writes.map((e) => e.type === "syscall" && e.ret)).toEqual([BigInt(-Errno.EINVAL)]);
});
