// echo (10.0.2.2:7) sends every byte back and closes after the guest does; a guest that does not
// read its echoes ends up blocked on a shut window instead of filling the host's memory.
import { expect, test } from "vitest";
import { Slirp } from "../host/net/slirp";
import { PORT_ECHO } from "../kernel/abi/net";
import { wire } from "./helpers/guestnet";

const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

test("echo returns the bytes, then FIN after the guest's FIN", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp);
  const c = guest.connect(PORT_ECHO);
  pump();
  const data = bytes(10_000);
  c.write(data);
  pump();
  expect(Buffer.from(c.received()).equals(Buffer.from(data))).toBe(true);
  expect(c.fin).toBe(false);
  c.close();
  pump();
  expect(c.fin).toBe(true);
  expect(c.state).toBe("CLOSED");
  expect(slirp.services!.echo.bytes).toBe(10_000);
  expect(slirp.tcp.conns()).toEqual([]);
  expect(guest.violations).toEqual([]);
});

test("a guest that does not read: the echo's window shuts and the guest's writer blocks", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp, { window: 8192, holdData: true });
  const c = guest.connect(PORT_ECHO);
  pump();
  const data = bytes(1 << 20);
  c.write(data);
  pump();
  const host = slirp.tcp.conns()[0];
  expect(c.received().length).toBe(8192);               // the guest's window, no more
  expect(host.window()).toBe(0);                         // echo holds what it cannot queue
  expect(c.peerWnd).toBe(0);
  expect(c.queued()).toBeGreaterThan(0);                 // so the guest's writer is blocked
  expect(host.unsentBytes).toBeLessThan(512 * 1024);     // memory stays bounded
  for (let guard = 0; c.received().length < data.length && guard < 10_000; guard++) { c.read(c.unread); pump(); }
  expect(Buffer.from(c.received()).equals(Buffer.from(data))).toBe(true);
  expect(guest.violations).toEqual([]);
});
