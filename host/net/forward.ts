// Port forwarding between real host sockets and the guest, with QEMU slirp's option syntax:
//   --hostfwd  tcp:127.0.0.1:8080-:80            a real listener on 127.0.0.1:8080; each client
//              becomes a connection from 10.0.2.2 to the guest's port 80 (host port 0: any free one)
//   --guestfwd tcp:10.0.2.2:5000-127.0.0.1:5000  a guest connection to 10.0.2.2:5000 is relayed to
//              a real connection to 127.0.0.1:5000 (the guest's SYN is answered once that connects;
//              if it cannot, the guest gets RST: ECONNREFUSED)
// Real sockets have TCP_NODELAY (noDelay): the guest's TCP already decides when a segment goes, so
// the host's Nagle must not hold a reply's second write for the client's delayed ACK (44 ms per
// keep-alive request otherwise). What the guest sends in one slice leaves in one writev: a socket
// is corked at its first write and uncorked by uncork() (the run loop calls it after each slice,
// through the NIC), or else when the turn of Node's event loop ends.
// Bytes are relayed both ways with backpressure: a real socket that is not drained holds the guest
// connection's receive window shut, and a guest that does not read pauses the real socket. Guest
// bytes count as taken (the window stays open) at once while the socket's buffer is below its
// high-water mark, as a stream pipe's would, else when the socket has written them: a keep-alive
// answer costs the guest no second ACK (the window update) and the run loop no wait for it.
// Sockets are half-open capable: a client's FIN becomes a FIN to the guest, whose answer still
// flows back until the guest closes too.
// Real sockets are asynchronous: every event calls activity.notify(), pending() says whether any
// real socket or listener is still open.
// Interface: parseHostFwd(spec), parseGuestFwd(spec) (throw ForwardSpecError);
// new Forwarder(tcp, activity); hostFwd(rule) -> Promise<port>; guestFwd(rule); pending(); connected();
// uncork(); close().
import { createServer, connect, type Server, type Socket } from "node:net";
import { GUEST_IP, HOST_IP } from "../../kernel/abi/net";
import { ipString, parseIp } from "./packet";
import type { Activity } from "./activity";
import type { CloseHow, TcpApp, TcpConn, TcpStack } from "./tcp";

export interface HostFwd { hostAddr: string; hostPort: number; guestPort: number }
export interface GuestFwd { port: number; targetAddr: string; targetPort: number }

export class ForwardSpecError extends Error {}

const HOSTFWD_FORM = "tcp:[hostaddr]:hostport-[guestaddr]:guestport, e.g. tcp:127.0.0.1:8080-:80";
const GUESTFWD_FORM = `tcp:${ipString(HOST_IP)}:port-hostaddr:port, e.g. tcp:${ipString(HOST_IP)}:5000-127.0.0.1:5000`;

function port(s: string, what: string, spec: string, allowZero: boolean): number {
  const n = /^\d{1,5}$/.test(s) ? Number(s) : NaN;
  if (!(n >= (allowZero ? 0 : 1) && n <= 65535)) throw new ForwardSpecError(`${spec}: bad ${what} "${s}"`);
  return n;
}

/** "tcp:127.0.0.1:8080-:80" -> { hostAddr, hostPort, guestPort }. hostaddr defaults to 127.0.0.1. */
export function parseHostFwd(spec: string): HostFwd {
  const m = /^(\w+):([^:-]*):([^:-]*)-([^:-]*):([^:-]*)$/.exec(spec);
  const where = `--hostfwd "${spec}"`;
  if (!m) throw new ForwardSpecError(`${where}: expected ${HOSTFWD_FORM}`);
  const [, proto, hostAddr, hostPort, guestAddr, guestPort] = m;
  if (proto !== "tcp") throw new ForwardSpecError(`${where}: only tcp is forwarded (not ${proto})`);
  if (hostAddr !== "" && hostAddr !== "localhost" && parseIp(hostAddr) === null) throw new ForwardSpecError(`${where}: bad host address "${hostAddr}"`);
  if (guestAddr !== "" && parseIp(guestAddr) !== GUEST_IP) {
    throw new ForwardSpecError(`${where}: the guest address can only be ${ipString(GUEST_IP)} (or empty)`);
  }
  return { hostAddr: hostAddr || "127.0.0.1", hostPort: port(hostPort, "host port", where, true), guestPort: port(guestPort, "guest port", where, false) };
}

/** "tcp:10.0.2.2:5000-127.0.0.1:5000" -> { port, targetAddr, targetPort }. */
export function parseGuestFwd(spec: string): GuestFwd {
  const m = /^(\w+):([^:-]*):([^:-]*)-([^:-]*):([^:-]*)$/.exec(spec);
  const where = `--guestfwd "${spec}"`;
  if (!m) throw new ForwardSpecError(`${where}: expected ${GUESTFWD_FORM}`);
  const [, proto, addr, p, targetAddr, targetPort] = m;
  if (proto !== "tcp") throw new ForwardSpecError(`${where}: only tcp is forwarded (not ${proto})`);
  if (parseIp(addr) !== HOST_IP) throw new ForwardSpecError(`${where}: the guest side must be ${ipString(HOST_IP)} (not "${addr}")`);
  if (targetAddr !== "localhost" && parseIp(targetAddr) === null) throw new ForwardSpecError(`${where}: bad host address "${targetAddr}"`);
  return { port: port(p, "port", where, false), targetAddr, targetPort: port(targetPort, "host port", where, false) };
}

export class Forwarder {
  private servers = new Set<Server>();
  private sockets = new Set<Socket>();
  private corkedSockets: Socket[] = [];

  constructor(private tcp: TcpStack, private activity: Activity) {}

  /** Listen on the real host port; resolves with the port (useful when it was 0). */
  hostFwd(rule: HostFwd): Promise<number> {
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (sock) => this.hostClient(rule, sock));
    this.servers.add(server);
    return new Promise((resolve, reject) => {
      server.once("error", (e) => { this.servers.delete(server); reject(e); });
      server.listen(rule.hostPort, rule.hostAddr, () => resolve((server.address() as { port: number }).port));
    });
  }

  /** Relay guest connections to 10.0.2.2:rule.port to a real host socket. */
  guestFwd(rule: GuestFwd): void {
    this.tcp.listen(rule.port, (c) => this.guestClient(rule, c), { defer: true });
  }

  /** Is a real socket or listener open (so frames may still come with no guest action)? */
  pending(): boolean { return this.servers.size > 0 || this.sockets.size > 0; }

  /** Is a real connection open (not just a listener)? */
  connected(): boolean { return this.sockets.size > 0; }

  /** Send what the guest gave the real sockets since they were corked (one writev each). */
  uncork(): void {
    if (this.corkedSockets.length === 0) return;
    for (const s of this.corkedSockets) if (s.writableCorked) s.uncork();
    this.corkedSockets.length = 0;
  }

  /** Close every listener and real socket. */
  close(): void {
    for (const s of this.servers) s.close();
    for (const s of this.sockets) s.destroy();
    this.servers.clear();
    this.sockets.clear();
  }

  private hostClient(rule: HostFwd, sock: Socket): void {
    const conn = this.tcp.connect(rule.guestPort, this.relay(sock));
    this.track(sock, conn);
    this.activity.notify();
  }

  private guestClient(rule: GuestFwd, c: TcpConn): TcpApp {
    const sock = connect({ port: rule.targetPort, host: rule.targetAddr, allowHalfOpen: true, noDelay: true }, () => { c.accept(); this.activity.notify(); });
    this.track(sock, c);
    return this.relay(sock);
  }

  /** Real socket -> guest: data is sent to the guest; a full send queue pauses the socket. */
  private track(sock: Socket, conn: TcpConn): void {
    this.sockets.add(sock);
    sock.pause();                                  // until the guest connection is open
    sock.on("data", (b: Buffer) => { if (!conn.send(b)) sock.pause(); this.activity.notify(); });
    sock.on("end", () => { conn.close(); this.activity.notify(); });
    sock.on("error", () => {});                    // "close" follows
    sock.on("close", (hadError) => {
      this.sockets.delete(sock);
      if (hadError || conn.state === "SYN_RCVD" || conn.state === "SYN_SENT") conn.abort(); else conn.close();
      this.activity.notify();
    });
  }

  /** Hold the socket's writes until uncork() (the slice ends) or this turn of Node's event loop
   *  ends: the segments of one answer (head, body) leave in one writev, not one send each. */
  private corked(sock: Socket): void {
    if (sock.writableCorked) return;
    sock.cork();
    this.corkedSockets.push(sock);
    process.nextTick(() => { if (sock.writableCorked) sock.uncork(); });
  }

  /** Guest -> real socket: bytes are held (window shut) until the socket has room for them. */
  private relay(sock: Socket): TcpApp {
    return {
      holdsData: true,
      open: () => sock.resume(),
      writable: () => sock.resume(),
      data: (c, b) => {
        if (sock.destroyed) { c.abort(); return; }       // the real peer is gone: the guest gets RST
        this.corked(sock);
        const n = b.length;
        let taken = false;
        const take = (): boolean => { if (taken) return false; taken = true; c.consumed(n); return true; };
        if (sock.write(Buffer.from(b), () => { if (take()) this.activity.notify(); })) take();   // b is lent: copied
      },
      end: () => { if (!sock.destroyed) sock.end(); },
      closed: (_c, how: CloseHow) => {
        if (how === "closed") { if (!sock.destroyed) sock.end(); } else if (!sock.destroyed) sock.resetAndDestroy();
      },
    };
  }
}
