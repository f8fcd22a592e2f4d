// Scatter-gather with pieces joined: a sendfile with SG hands the NIC the page-cache pages of each
// TSO packet; pages that follow each other in RAM (a file read into a fresh machine's cache is laid
// out so) go as one descriptor, as a driver maps contiguous fragments, and each page still holds one
// reference until the transmit completes. Checked: few descriptors per packet, every byte arrives in
// order, and after the run no page is held (the cache can drop them all).
import { expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import type { NetRequest } from "../host/devices/nic";
import { GSO_TCPV4 } from "../kernel/abi/net";
import { sendfileToDiscard } from "./helpers/sendfile";

test("a warm 1 MiB sendfile with SG: one or two payload descriptors per TSO packet, all pages released", async () => {
  const size = 1 << 20;
  const tso: NetRequest[] = [];
  const b = await sendfileToDiscard(size, {
    onDeviceDone: (dev, req) => { if (dev === "nic" && "gso" in req && req.gso === GSO_TCPV4) tso.push(req); } });

  expect(tso.length).toBeGreaterThan(10);
  const payloadDescs = tso.map((r) => r.descs.length - 1);                // the first holds the headers
  expect(Math.max(...payloadDescs)).toBeLessThanOrEqual(2);              // 16-17 pages each, joined
  const longest = Math.max(...tso.flatMap((r) => r.descs.slice(1).map((d) => d.len)));
  expect(longest).toBeGreaterThan(8 * 4096);                             // a descriptor spans many pages
  expect(tso.every((r) => r.frames.length >= Math.ceil((r.bytes - r.descs[0].len) / 4096))).toBe(true);

  expect(b.m.dropCaches()).toBeGreaterThanOrEqual(size / 4096);          // no page still referenced
  expect(meminfo(b.m).byOwner.pagecache ?? 0).toBe(0);
  b.m.close();
});
