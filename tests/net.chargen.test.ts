// chargen (10.0.2.2:19) sends RFC 864's pattern, never past the guest's advertised window: a guest
// that does not read stops it; reading (a window update) lets it go on.
import { expect, test } from "vitest";
import { Slirp } from "../host/net/slirp";
import { chargenBytes } from "../host/net/services";
import { PORT_CHARGEN, TCP_FIN, MSS } from "../kernel/abi/net";
import { wire } from "./helpers/guestnet";

test("the RFC 864 pattern: 72 rotating characters then CR LF", () => {
  const s = Buffer.from(chargenBytes(0, 148)).toString("latin1");
  expect(s.slice(0, 74)).toBe(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg\r\n");
  expect(s.slice(74, 76)).toBe("!\"");
  expect(Buffer.from(chargenBytes(74 * 95, 1))[0]).toBe(32);     // after 95 lines it starts over
});

test("chargen fills exactly the guest's window, waits, and continues after a window update", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp, { window: 3000, holdData: true });
  const c = guest.connect(PORT_CHARGEN);
  pump();
  expect(c.received().length).toBe(3000);
  expect(Math.max(...c.segments.map((s) => s.len))).toBeLessThanOrEqual(MSS);
  expect(pump()).toBe(0);                                // nothing more while the window is shut
  c.read(3000);
  pump();
  expect(c.received().length).toBe(6000);
  expect(Buffer.from(c.received()).equals(Buffer.from(chargenBytes(0, 6000)))).toBe(true);
  expect(guest.violations).toEqual([]);                  // never a byte past the window

  c.close();
  pump();
  expect(c.segments.at(-1)!.flags & TCP_FIN).toBeTruthy();   // chargen stops and closes
  expect(c.state).toBe("CLOSED");
  expect(slirp.services!.chargen.bytes).toBe(6000);
});

test("a small MSS from the guest's SYN limits chargen's segments", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp, { window: 10_000, holdData: true, mss: 500 });
  const c = guest.connect(PORT_CHARGEN);
  pump();
  expect(c.received().length).toBe(10_000);
  expect(c.segments.filter((s) => s.len > 0).every((s) => s.len <= 500)).toBe(true);
});
