// The host side's network counters, shared by the peer (slirp.ts) and its TCP (tcp.ts).
// Interface: newNetStats(); countDrop(stats, reason).

export interface NetStats {
  framesIn: number;          // frames from the guest that reached the peer
  framesOut: number;         // frames the peer sent to the guest
  bytesIn: number;           // TCP payload bytes accepted from the guest
  bytesOut: number;          // TCP payload bytes sent to the guest
  arpReplies: number;
  connections: number;       // TCP connections established (either direction)
  refused: number;           // SYNs answered with RST (no listener, or a forward could not connect)
  resetsSent: number;
  resetsReceived: number;
  dropped: number;           // frames or segments ignored, each for one of the reasons below
  dropReasons: Record<string, number>;   // reason -> count ("TCP: bad checksum", "duplicate", ...)
}

export function newNetStats(): NetStats {
  return { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, arpReplies: 0, connections: 0, refused: 0,
    resetsSent: 0, resetsReceived: 0, dropped: 0, dropReasons: {} };
}

export function countDrop(s: NetStats, reason: string): void {
  s.dropped++;
  s.dropReasons[reason] = (s.dropReasons[reason] ?? 0) + 1;
}
