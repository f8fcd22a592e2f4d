// netmap's user ABI (struct nmreq, netmap_if, netmap_ring, netmap_slot; the ioctls):
// kernel/abi/netmap.ts, re-exported for guest programs.
export * from "../../../kernel/abi/netmap";
