// The shared-pool send (guests/demos/pktsend.ts): AF_PACKET's PACKET_TX_RING, the documents' fbufs
// as Linux has them. COUNT UDP datagrams built in the ring's kernel-owned frames (Owner.pktpool,
// mapped once), one blocking send(fd, NULL, 0, 0) per BATCH. Exact counts: one sendto per batch,
// no CPU copy in it (the only copy of the setup is struct tpacket_req), one NIC DMA per datagram of
// its frame plus the virtio-net header; every datagram reaches the UDP discard service intact; the
// trace shows each send's frames; the ring's frames are the process's while it runs, gone after.
import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { boot, distDemo, type Booted } from "./helpers/machine";
import { meminfo } from "../host/inspect";
import { Dev } from "../kernel/abi/virtio";
import type { SyscallEvent, TraceEvent } from "../host/trace";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

const payload = (count: number, size: number) => Uint8Array.from({ length: count * size }, (_, x) => (Math.floor(x / size) * 31 + x % size) & 0xff);

describe("packet TX ring send", () => {
  it.each([[64, 1472, 8], [40, 1000, 16], [5, 18, 2]])("%i datagrams of %i bytes, %i per send: exact counts, every datagram intact", async (count, size, batch) => {
    const events: TraceEvent[] = [];
    let during = -1;
    b = await boot({ net: {}, traceMask: 15, onEvent: (e) => {
      events.push(e);
      if (e.type === "pktpool" && during < 0) during = meminfo(b!.m).byOwner.pktpool;
    } });
    const pid = await b.m.spawn(distDemo("pktsend"), ["pktsend", String(count), String(size), String(batch)]);
    await b.m.run();
    const sends = Math.ceil(count / batch);
    expect(b.stderr()).toBe("");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    expect(b.stdout()).toBe(`pktsend: ${count} datagrams, ${count * size} bytes, ${sends} sends, 0 polls\n`);
    const s = b.m.stats(pid);
    expect(s.bySyscall.sendto).toMatchObject({ calls: sends, modeSwitches: 2 * sends, cpuCopies: 0, cpuCopyBytes: 0,
      dmaCopies: count, dmaCopyBytes: count * (12 + 42 + size) });
    expect(s.bySyscall.setsockopt).toMatchObject({ calls: 1, cpuCopies: 1, cpuCopyBytes: 16 });   // struct tpacket_req
    expect(s.pktpoolSends).toBe(count);
    expect(events.filter((e) => e.type === "irq" && e.device === Dev.net)).toHaveLength(sends);    // one interrupt per send
    expect(during).toBe(8);                                       // 16 frames of 2048 bytes: 8 kernel-owned pages
    const calls = events.filter((e): e is SyscallEvent => e.type === "syscall" && e.name === "sendto");
    expect(calls.every((e) => e.args[0] === 3n && e.args[1] === 0n && e.args[2] === 0n)).toBe(true);   // send(fd, NULL, 0, 0)
    expect(calls.map((e) => Number(e.ret))).toEqual(Array.from({ length: sends }, (_, i) => Math.min(batch, count - i * batch) * (42 + size)));
    const udp = b.m.slirp!.services!.udpDiscard;
    expect(udp.datagrams).toBe(count);
    expect(udp.tally.sha256()).toBe(createHash("sha256").update(payload(count, size)).digest("hex"));
    expect(b.m.slirp!.stats.dropReasons).toEqual({});
    expect(meminfo(b.m).byOwner.pktpool).toBe(0);
  });
});
