// The host side of the virtual cable ("slirp", as QEMU's user networking): the machine at 10.0.2.2
// that answers the guest's ARP, terminates its TCP connections (tcp.ts), runs the small services
// (services.ts: TCP, and UDP discard) and relays forwarded ports to real sockets (forward.ts). Frames the guest sends come
// in through input() and are handled at once; answers wait in a queue the NIC takes with output().
// Anything malformed or not for 10.0.2.2 is dropped and counted by reason in stats.
// Our own NIC says what it vouches for (RxInfo): a TCP checksum it was asked to fill in is trusted,
// not summed (checksum offload between the device and this stack; opts.verifyChecksums sums it
// anyway), a TSO packet comes whole, past the MTU (GRO), for tcp.ts to take as one segment, and its
// payload may come apart from the headers, as views of guest RAM (info.payload, zero-copy).
// Interface: new Slirp(opts?); input(frame, info?); output(); pending(); connected(); whenActivity(); uncork();
// hostFwd(spec), guestFwd(spec); close(); stats, tcp, services.
import { ETH_HLEN, MTU, HOST_IP, GUEST_IP, ETH_P_IP, ARP_REQUEST, ARP_REPLY, PORT_ECHO, PORT_DISCARD, PORT_CHARGEN } from "../../kernel/abi/net";
import { IPPROTO_UDP } from "../../kernel/abi/socket";
import { parseFrame, isMalformed, arpFrame, ipString, buildEth, buildIpv4, buildUdp, BROADCAST_MAC, HOST_MAC, GUEST_MAC, type Frame } from "./packet";
import { TcpStack, type TcpOptions } from "./tcp";
import { Services } from "./services";
import { Forwarder, parseHostFwd, parseGuestFwd, ForwardSpecError, type HostFwd, type GuestFwd } from "./forward";
import { Activity } from "./activity";
import { newNetStats, countDrop, type NetStats } from "./stats";
import type { NetPeer, RxInfo } from "../devices/nic";

export interface SlirpOptions {
  services?: boolean;        // echo, discard, chargen (default true)
  discardHash?: boolean;     // the discard service hashes what it gets (fnv, sha256), not only counts
  verifyChecksums?: boolean; // sum every TCP checksum, even those the NIC vouches for
  tcp?: TcpOptions;
}

export class Slirp implements NetPeer {
  readonly stats: NetStats = newNetStats();
  readonly tcp: TcpStack;
  readonly services: Services | null;
  private queue: Uint8Array[] = [];
  private spare: Uint8Array[] = [];        // output()'s other list
  private activity = new Activity();
  private forwarder: Forwarder;
  private verify: boolean;

  constructor(opts: SlirpOptions = {}) {
    this.tcp = new TcpStack((f) => this.emit(f), this.stats, opts.tcp);
    this.services = opts.services === false ? null : new Services(this.tcp, { hash: opts.discardHash, sendUdp: (sport, dport, data) =>
      this.emit(buildEth({ dst: GUEST_MAC, src: HOST_MAC, type: ETH_P_IP },
        buildIpv4({ src: HOST_IP, dst: GUEST_IP, protocol: IPPROTO_UDP }, buildUdp(HOST_IP, GUEST_IP, sport, dport, data)))) });
    this.verify = opts.verifyChecksums ?? false;
    this.forwarder = new Forwarder(this.tcp, this.activity);
  }

  /** One frame from the guest (info: what the NIC vouches for). */
  input(frame: Uint8Array, info: RxInfo = {}): void {
    this.stats.framesIn += info.segments ?? 1;
    if (frame.length > ETH_HLEN + MTU && !info.gso) { countDrop(this.stats, "frame longer than the MTU"); return; }
    if (info.payload && this.verify) { frame = concat(frame, info.payload); info = { ...info, payload: undefined }; }
    let extra = 0;
    if (info.payload) for (let i = 0; i < info.payload.length; i++) extra += info.payload[i].length;
    const f = parseFrame(frame, { csumOk: !!info.csumOk && !this.verify, extra });
    if (isMalformed(f)) { countDrop(this.stats, f.error); return; }
    if (f.eth.dst !== HOST_MAC && f.eth.dst !== BROADCAST_MAC) { countDrop(this.stats, "not for the host's MAC"); return; }
    if (f.arp) { this.arp(f); return; }
    if (!f.ip) { countDrop(this.stats, `ethertype 0x${f.eth.type.toString(16).padStart(4, "0")}`); return; }
    if (f.ip.dst !== HOST_IP) { countDrop(this.stats, `IPv4 to ${ipString(f.ip.dst)}`); return; }
    if (f.ip.protocol === IPPROTO_UDP && !(f.ip.frag & 0x3fff) && this.services) {
      const why = this.services.udpInput(f.ip.src, f.ip.dst, f.payload);
      if (why) countDrop(this.stats, why);
      return;
    }
    if (!f.tcp) { countDrop(this.stats, (f.ip.frag & 0x3fff) ? "IPv4 fragment" : `IP protocol ${f.ip.protocol}`); return; }
    this.tcp.input(f, info.payload && (f.payload.length ? [f.payload, ...info.payload] : info.payload));
  }

  /** Take the frames queued for the guest (none: one shared empty list, nothing allocated). The
   *  list is the caller's until the next call (two lists take turns: nothing allocated per frame). */
  output(): readonly Uint8Array[] {
    if (this.queue.length === 0) return NONE;
    const q = this.queue;
    this.queue = this.spare;
    while (this.queue.length > 0) this.queue.pop();   // (keeps the list's storage; length = 0 drops it)
    this.spare = q;
    return q;
  }

  /** Is a real socket or listener open (frames may come without the guest doing anything)? */
  pending(): boolean { return this.forwarder.pending(); }

  /** Is a real connection open (not just a listener)? */
  connected(): boolean { return this.forwarder.connected(); }

  /** Resolves when frames are queued for the guest (at once if some already are): the NIC's pollRx takes them. */
  whenActivity(): Promise<void> { return this.queue.length ? Promise.resolve() : this.activity.wait(); }

  /** --hostfwd tcp:127.0.0.1:8080-:80; resolves with the real port listened on. */
  hostFwd(spec: string | HostFwd): Promise<number> {
    return this.forwarder.hostFwd(typeof spec === "string" ? parseHostFwd(spec) : spec);
  }

  /** --guestfwd tcp:10.0.2.2:5000-127.0.0.1:5000. */
  guestFwd(spec: string | GuestFwd): void {
    const rule = typeof spec === "string" ? parseGuestFwd(spec) : spec;
    if (this.services && [PORT_ECHO, PORT_DISCARD, PORT_CHARGEN].includes(rule.port)) {
      throw new ForwardSpecError(`--guestfwd: port ${rule.port} is a built-in service on ${ipString(HOST_IP)}`);
    }
    this.forwarder.guestFwd(rule);
  }

  /** Send at once what the guest gave the real sockets (forward.ts corks them). */
  uncork(): void { this.forwarder.uncork(); }

  /** Close every real socket and listener. */
  close(): void { this.forwarder.close(); }

  private arp(f: Frame): void {
    const a = f.arp!;
    if (a.op !== ARP_REQUEST || a.tpa !== HOST_IP) { countDrop(this.stats, "ARP not asking for the host"); return; }
    this.stats.arpReplies++;
    this.emit(arpFrame(a.sha, { op: ARP_REPLY, sha: HOST_MAC, spa: HOST_IP, tha: a.sha, tpa: a.spa }));
  }

  private emit(frame: Uint8Array): void {
    this.stats.framesOut++;
    this.queue.push(frame);
    this.activity.notify();
  }
}

const NONE: readonly Uint8Array[] = Object.freeze([]);

function concat(head: Uint8Array, pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, head.length));
  out.set(head);
  let at = head.length;
  for (const p of pieces) { out.set(p, at); at += p.length; }
  return out;
}
