// A lease break, end to end (guests/demos/leasesend.ts, mode "lease"): the sender holds a read
// lease on the file it maps and writes down a pipe; the truncator's open(O_RDWR|O_TRUNC) breaks it.
// The trace pins the order: the open enters, the lease break (SIGIO to the holder), the signal's
// delivery, the holder's F_UNLCK, then the open returns; the open waited (Wchan.break_lease) exactly
// until the release; the holder's write, interrupted by SIGIO without SA_RESTART, returned the bytes
// it had written; no SIGBUS.
import { expect, test } from "vitest";
import { TraceClass } from "../kernel/abi/trace";
import { Stat } from "../kernel/abi/layout";
import { Sig } from "../kernel/abi/signals";
import { Wchan } from "../kernel/abi/records";
import { F_SETLEASE, F_UNLCK, O_RDWR, O_TRUNC } from "../kernel/abi/fcntl";
import type { TraceEvent } from "../host/trace";
import { boot, distDemo, stat } from "./helpers/machine";

type Ev<T extends TraceEvent["type"]> = Extract<TraceEvent, { type: T }>;

test("the break: signal to the holder, the breaker waits, release, the breaker goes on", async () => {
  let wchanAtSignal = -1;
  const b = await boot({ disk: undefined, traceMask: TraceClass.syscall, keepEvents: true, onEvent: (ev) => {
    if (ev.type === "signal" && ev.sig === Sig.SIGIO) wchanAtSignal = b.m.k.procWchan(3) as number;
  } });
  const pid = await b.m.spawn(distDemo("leasesend"), ["leasesend", "lease", "/leasefile"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout()).toBe([
    "sender: lease F_RDLCK",
    "sender: write returned 16384 of 65536",          // interrupted by SIGIO: the bytes already written
    "sender: SIGIO: lease breaking, F_GETLEASE F_UNLCK; abandoned after 147456 bytes",
    "truncator: open(O_RDWR|O_TRUNC) returned after 13 ms; size now 0",
    "reader: got 147456 bytes",
    "sender: sent 147456 bytes, checksum 384",
    "",
  ].join("\n"));

  const evs = b.m.tracer!.events;
  const open = evs.find((e): e is Ev<"syscall"> => e.type === "syscall" && e.name === "openat" && e.pid === 3 &&
    Number(e.args[2]) === (O_RDWR | O_TRUNC))!;
  const brk = evs.filter((e): e is Ev<"lease"> => e.type === "lease");
  const sig = evs.find((e): e is Ev<"signal"> => e.type === "signal" && e.sig === Sig.SIGIO)!;
  const unlck = evs.find((e): e is Ev<"syscall"> => e.type === "syscall" && e.name === "fcntl" &&
    Number(e.args[1]) === F_SETLEASE && Number(e.args[2]) === F_UNLCK)!;
  expect(brk).toHaveLength(1);
  expect(brk[0]).toMatchObject({ pid: 3, sig: Sig.SIGIO, holder: 1, cause: open.seq });
  expect(sig.pid).toBe(1);
  expect(open.seq).toBeLessThan(brk[0].seq);
  expect(brk[0].seq).toBeLessThan(sig.seq);
  expect(sig.seq).toBeLessThan(unlck.seq);
  const openEnd = open.time + BigInt(open.durNs);
  expect(openEnd).toBeGreaterThan(unlck.time);                    // it returned after the release ...
  expect(openEnd - unlck.time).toBeLessThan(100_000n);            // ... at once (under 0.1 ms)
  expect(open.durNs).toBeGreaterThan(10_000_000);                 // and waited for it (13 ms)
  expect(wchanAtSignal).toBe(Wchan.break_lease);
  expect(evs.some((e) => e.type === "signal" && e.sig === Sig.SIGBUS)).toBe(false);
  expect(stat(b.m, Stat.leaseBreaks)).toBe(1);
  expect(stat(b.m, Stat.leaseBreakTimeouts)).toBe(0);
});
