// Socket errors and addresses as a Linux program sees them (tests/guests/neterr.ts): ECONNREFUSED
// from a port with no service (and the socket can connect again), ENETUNREACH off the link,
// ENOTSOCK for socket calls on a console fd (EBADF on a closed one), EADDRINUSE for a port bound
// twice, getsockname/getpeername of a connection. After the peer resets: recv says ECONNRESET,
// send(MSG_NOSIGNAL) says EPIPE, and write() kills the program with SIGPIPE. The peer that resets is
// a real server on 127.0.0.1 reached through --guestfwd.
import { afterEach, expect, test } from "vitest";
import { createServer, type Server, type Socket } from "node:net";
import { Errno } from "../kernel/abi/errno";
import { Sig } from "../kernel/abi/signals";
import { boot, testGuest } from "./helpers/machine";

let server: Server | null = null;
afterEach(() => { server?.close(); server = null; });

/** A real server on 127.0.0.1 that resets each connection once `after` bytes have come. */
async function resetter(after: number): Promise<number> {
  server = createServer((s: Socket) => {
    let got = 0;
    s.on("data", (d) => { got += d.length; if (got >= after) s.resetAndDestroy(); });
    s.on("error", () => {});
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as { port: number }).port;
}

async function neterr(mode: string, resetAfter?: number) {
  const guestfwd = resetAfter === undefined ? [] : [`tcp:10.0.2.2:5000-127.0.0.1:${await resetter(resetAfter)}`];
  const b = await boot({ net: { guestfwd } });
  const pid = await b.m.spawn(await testGuest("neterr.ts"), ["neterr", mode]);
  await b.m.run();
  b.m.close();
  expect(b.stderr()).toBe("");
  return { lines: b.stdout().trimEnd().split("\n"), exit: b.m.exitOf(pid)! };
}

const E = (e: Errno) => String(-e);

test("connect to 10.0.2.2 on a port with no service: ECONNREFUSED; the socket then connects elsewhere", async () => {
  expect((await neterr("refused")).lines).toEqual([`connect5 ${E(Errno.ECONNREFUSED)}`, "connect9 0"]);
});

test("connect to 8.8.8.8: ENETUNREACH (10.0.2.2 is the only neighbour, there is no gateway beyond)", async () => {
  expect((await neterr("unreach")).lines).toEqual([`connect ${E(Errno.ENETUNREACH)}`]);
});

test("socket calls on the console fd: ENOTSOCK; on a closed fd: EBADF", async () => {
  const calls = ["bind", "listen", "accept", "connect", "sendto", "recvfrom", "sendmsg", "recvmsg", "shutdown",
    "getsockname", "getpeername", "setsockopt", "getsockopt"];
  expect((await neterr("notsock")).lines).toEqual([
    "fd1 " + calls.map((c) => `${c}=${E(Errno.ENOTSOCK)}`).join(" "),
    "fd99 " + calls.map((c) => `${c}=${E(Errno.EBADF)}`).join(" "),
  ]);
});

test("a port bound twice: EADDRINUSE; a foreign address: EADDRNOTAVAIL; free again after close", async () => {
  expect((await neterr("inuse")).lines).toEqual([
    "bindA 0 listenA 0",
    `bindB ${E(Errno.EADDRINUSE)}`,
    `bindB-guest-ip ${E(Errno.EADDRINUSE)}`,
    `bindB-other-ip ${E(Errno.EADDRNOTAVAIL)}`,
    "closeA 0 bindB 0",
    `rebindB ${E(Errno.EINVAL)}`,                          // already bound
  ]);
});

test("getsockname/getpeername of a connection: 10.0.2.15:49152 (first ephemeral port) and 10.0.2.2:9", async () => {
  const { lines } = await neterr("names");
  expect(lines[1]).toBe("connect 0");
  expect(lines[2]).toBe("connected 10.0.2.15:49152 family=2 len=16 peer 10.0.2.2:9 family=2 len=16");
  expect(lines[3]).toBe("short 0 len=16 tail=4294967295");   // 8 bytes of room: truncated, the full length told
  expect(lines[4]).toMatch(new RegExp(`:8080 family=2 len=16 peer ${E(Errno.ENOTCONN)}$`));
  expect(lines[0]).toMatch(new RegExp(`:0 family=2 len=16 peer ${E(Errno.ENOTCONN)}$`));
});

// As Linux: a socket not yet connected reports the address it is bound to, 0.0.0.0 for none or
// INADDR_ANY (inet_getname uses inet_rcv_saddr).
test("getsockname of an unbound or INADDR_ANY listener is 0.0.0.0 (Linux)", async () => {
  const { lines } = await neterr("names");
  expect(lines[0]).toBe(`fresh 0.0.0.0:0 family=2 len=16 peer ${E(Errno.ENOTCONN)}`);
  expect(lines[4]).toBe(`listener 0.0.0.0:8080 family=2 len=16 peer ${E(Errno.ENOTCONN)}`);
});

test("after the peer resets: recv ECONNRESET, send(MSG_NOSIGNAL) EPIPE, write() dies by SIGPIPE", async () => {
  const r = await neterr("reset", 1);
  expect(r.lines).toEqual(["connect 0", "send 1", `recv ${E(Errno.ECONNRESET)}`, `send-nosignal ${E(Errno.EPIPE)}`]);
  expect(r.exit).toMatchObject({ signal: Sig.SIGPIPE, code: null });
  expect(Sig.SIGPIPE).toBe(13);
});

// As Linux, a reset is reported once: tcp_reset sets sk_err, the first recv returns it (sock_error
// clears it), later recvs return 0 (the receive side is shut down).
test("a second recv after the reset returns 0 (Linux)", async () => {
  const r = await neterr("recv2", 1);
  expect(r.lines).toEqual(["connect 0", "send 1", `recv ${E(Errno.ECONNRESET)}`, "recv 0"]);
});

// As Linux, the first send after a reset reports the pending error, ECONNRESET, without SIGPIPE
// (tcp_sendmsg_locked -> sk_stream_wait_connect -> sock_error(sk) before -EPIPE); only later sends
// get EPIPE (and SIGPIPE without MSG_NOSIGNAL). (The first connection's reset is waited for by
// blocking in recv on a second one.)
test("the first send after a reset is ECONNRESET, the next EPIPE (Linux)", async () => {
  const r = await neterr("twosock", 1);
  expect(r.lines).toEqual(["connect 0", "send1 1", `connect2 0 send2 1 recv2 ${E(Errno.ECONNRESET)}`,
    `send1 ${E(Errno.ECONNRESET)}`, `send1 ${E(Errno.EPIPE)}`]);
});

test("the first connection's reset, seen by send: EPIPE (MSG_NOSIGNAL: the program lives)", async () => {
  const r = await neterr("twosock", 1);
  expect(r.lines.slice(0, 3)).toEqual(["connect 0", "send1 1", `connect2 0 send2 1 recv2 ${E(Errno.ECONNRESET)}`]);
  expect(r.lines[4]).toBe(`send1 ${E(Errno.EPIPE)}`);
  expect(r.exit).toMatchObject({ code: 0 });
});

// Once the real socket behind --guestfwd has been reset, the guest's connection is reset too:
// host/machine.ts run() gives Node's event loop a turn every few milliseconds while real sockets are
// open, so the socket's "close" reaches host/net/forward.ts even while the guest keeps sending.
test("a send loop into a peer that resets ends in an error", async () => {
  const r = await neterr("sendloop", 65536);
  expect(r.lines[0]).toBe("connect 0");
  expect(r.lines[1]).toMatch(/^first -/);
  expect(r.lines[2]).toBe(`again ${E(Errno.EPIPE)}`);
  expect(r.exit).toMatchObject({ code: 0 });                // MSG_NOSIGNAL: no SIGPIPE
}, 30_000);
