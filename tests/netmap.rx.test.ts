// netmap's receive side (guests/demos/netmapecho.ts): datagrams sent to the host side's UDP echo
// service (port 7) come back into the RX ring: the NIC DMAs each frame straight into a slot's
// buffer (no CPU copy), poll(POLLIN) waits, NIOCRXSYNC shows the frames (tail) and gives read slots
// back. Every echo arrives intact; the RX slots and DMAs are counted; while attached the stack's
// receive buffers are given back, and after the fd is closed they are posted again (meminfo's
// socket frames back to their boot count), so the kernel's stack has its NIC back.
import { afterEach, describe, expect, it } from "vitest";
import { boot, distDemo, type Booted } from "./helpers/machine";
import { meminfo } from "../host/inspect";
import type { TraceEvent } from "../host/trace";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

describe("netmap receive", () => {
  it.each([[8, 100], [31, 1472], [1, 18]])("%i echoes of %i bytes come back intact into the RX ring", async (count, size) => {
    const events: TraceEvent[] = [];
    b = await boot({ net: {}, traceMask: 7, onEvent: (e) => events.push(e) });
    const atBoot = meminfo(b.m);
    const pid = await b.m.spawn(distDemo("netmapecho"), ["netmapecho", String(count), String(size)]);
    await b.m.run();
    expect(b.stderr()).toBe("");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const syncs = Number(/(\d+) rx syncs/.exec(b.stdout())![1]);
    expect(b.stdout()).toBe(`netmapecho: ${count} sent, ${count} received intact, ${syncs} rx syncs\n`);
    expect(b.m.slirp!.services!.udpEcho.datagrams).toBe(count);
    const s = b.m.stats(pid);
    expect(s.netmap).toEqual({ txSlots: count, rxSlots: count, syncs: 1 + syncs });
    const rxDma = events.filter((e) => e.type === "copy" && e.routine === "nic_dma" && e.to === "frame");
    expect(rxDma.map((e) => e.type === "copy" && e.bytes)).toEqual(Array(count).fill(12 + 42 + size));
    const rx = events.filter((e) => e.type === "netmap" && e.ring === "rx");
    expect(rx.reduce((n, e) => n + (e.type === "netmap" ? e.slots : 0), 0)).toBe(count);
    expect(rx.reduce((n, e) => n + (e.type === "netmap" ? e.bytes : 0), 0)).toBe(count * (42 + size));
    const after = meminfo(b.m);
    expect(after.byOwner.netmap).toBe(0);
    expect(after.byOwner.socket).toBe(atBoot.byOwner.socket);       // the stack's receive buffers are posted again
    expect(after.free).toBe(atBoot.free);
  });
});
