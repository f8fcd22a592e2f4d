// netmap's send (guests/demos/netmapsend.ts): COUNT UDP datagrams built in the NIC's own buffers,
// mapped into the process, BATCH slots per NIOCTXSYNC. Exact counts: one ioctl per batch plus
// NIOCREGIF, no CPU copy of the payload (the only copies are struct nmreq in and out, the pollfds
// and the final message), one NIC DMA per datagram of exactly its frame (virtio header 12 + Ethernet
// 14 + IPv4 20 + UDP 8 + payload); the host side's UDP discard service received every datagram
// intact (count and a sha256 this test computes); one NIC interrupt per batch (at most one with EVENT_IDX,
// exactly one without); the trace names the netmap ioctls; the region's
// frames (Owner.netmap) go back at exit; the kernel's stack works again after the NIC is let go.
import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { boot, distDemo, type Booted } from "./helpers/machine";
import { meminfo } from "../host/inspect";
import { NM_PAGES } from "../kernel/abi/netmap";
import { Dev } from "../kernel/abi/virtio";
import type { SyscallEvent, TraceEvent } from "../host/trace";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

const payload = (count: number, size: number) => {
  const out = new Uint8Array(count * size);
  for (let k = 0; k < count; k++) for (let i = 0; i < size; i++) out[k * size + i] = (k * 31 + i) & 0xff;
  return out;
};

async function send(count: number, size: number, batch: number, eventIdx = true) {
  const events: TraceEvent[] = [];
  let during = -1;                       // the region's frames at the first sync
  b = await boot({ net: { eventIdx }, traceMask: 15, onEvent: (e) => {
    events.push(e);
    if (e.type === "netmap" && during < 0) during = meminfo(b!.m).byOwner.netmap;
  } });
  const pid = await b.m.spawn(distDemo("netmapsend"), ["netmapsend", String(count), String(size), String(batch)]);
  await b.m.run();
  return { pid, events, s: b.m.stats(pid), during };
}

describe("netmap send", () => {
  it.each([[64, 1024, 16], [100, 1472, 31], [7, 18, 3]])("%i datagrams of %i bytes, batches of %i: exact counts, every datagram intact", async (count, size, batch) => {
    const { pid, events, s, during } = await send(count, size, batch);
    expect(during).toBe(NM_PAGES);                              // netmap_if, two rings, the buffers: kernel-owned frames
    const batches = Math.ceil(count / batch);
    expect(b!.stderr()).toBe("");
    expect(b!.m.exitOf(pid)?.code).toBe(0);
    const line = b!.stdout().trim();
    const polls = Number(/(\d+) polls$/.exec(line)![1]);
    expect(line).toBe(`netmapsend: ${count} datagrams, ${count * size} bytes, ${batches} syncs, ${polls} polls`);
    const io = s.bySyscall.ioctl;
    expect(io.calls).toBe(1 + batches);                         // NIOCREGIF, then one NIOCTXSYNC per batch
    expect(io.cpuCopies).toBe(2);                               // struct nmreq in and out: no payload copied
    expect(io.cpuCopyBytes).toBe(120);
    expect(io.dmaCopies).toBe(count);                           // one NIC DMA per datagram, from the pool buffer
    expect(io.dmaCopyBytes).toBe(count * (12 + 42 + size));
    expect(s.bySyscall.mmap.cpuCopies).toBe(0);
    expect(s.bySyscall.ppoll.calls).toBe(polls);
    expect(s.syscalls).toBe(3 + batches + polls + 2);           // openat, NIOCREGIF, mmap; the syncs and polls; write, exit_group
    expect(s.netmap).toEqual({ txSlots: count, rxSlots: 0, syncs: batches });
    // at most one interrupt per batch: the driver asks for one when 3/4 of the pending sends are done
    // (EVENT_IDX); a batch queued before the last one completed shares its interrupt
    const irqs = events.filter((e) => e.type === "irq" && e.device === Dev.net).length;
    expect(irqs).toBeGreaterThanOrEqual(1);
    expect(irqs).toBeLessThanOrEqual(batches);
    // no CPU copy in the run moved payload: every copy of user data is a small structure
    const bigCopies = events.filter((e) => e.type === "copy" && e.agent === "cpu" && (e.from === "user" || e.to === "user") && e.routine !== "exec_load" && e.bytes >= size && size > 60);
    expect(bigCopies).toEqual([]);
    const udp = b!.m.slirp!.services!.udpDiscard;
    expect(udp.datagrams).toBe(count);
    expect(udp.tally.bytes).toBe(count * size);
    expect(udp.tally.sha256()).toBe(createHash("sha256").update(payload(count, size)).digest("hex"));
    expect(b!.m.slirp!.stats.dropReasons).toEqual({});
    expect(meminfo(b!.m).byOwner.netmap).toBe(0);
  });

  it.each([[64, 1024, 16], [100, 1472, 31], [7, 18, 3]])("without EVENT_IDX, %i datagrams of %i bytes, batches of %i: one interrupt per batch", async (count, size, batch) => {
    const { pid, events } = await send(count, size, batch, false);
    expect(b!.m.exitOf(pid)?.code).toBe(0);
    expect(events.filter((e) => e.type === "irq" && e.device === Dev.net)).toHaveLength(Math.ceil(count / batch));
    expect(b!.m.slirp!.services!.udpDiscard.datagrams).toBe(count);
  });

  it("the trace names NIOCREGIF and NIOCTXSYNC and shows each sync's slots", async () => {
    const { events } = await send(4, 100, 2);
    const calls = events.filter((e): e is SyscallEvent => e.type === "syscall" && e.name === "ioctl").map((e) => e.text);
    expect(calls[0]).toMatch(/^ioctl\(3, NIOCREGIF, 0x[0-9a-f]+\) = 0$/);
    expect(calls.slice(1)).toEqual(["ioctl(3, NIOCTXSYNC, NULL) = 0", "ioctl(3, NIOCTXSYNC, NULL) = 0"]);
    const syncs = events.filter((e) => e.type === "netmap");
    expect(syncs.map((e) => e.type === "netmap" && [e.ring, e.slots, e.bytes])).toEqual([["tx", 2, 284], ["tx", 2, 284]]);
  });
});
