// The host side of the virtual network (re-exports only): packets, the slirp peer at 10.0.2.2 with
// its TCP, services and port forwards, and the pcap writer. The NIC itself is host/devices/nic.ts.
export * from "./packet";
export { Slirp, type SlirpOptions } from "./slirp";
export { TcpStack, TcpConn, type TcpApp, type TcpState, type TcpOptions, type CloseHow } from "./tcp";
export { Services, Tally, fnv1a, chargenBytes } from "./services";
export { Forwarder, parseHostFwd, parseGuestFwd, ForwardSpecError, type HostFwd, type GuestFwd } from "./forward";
export { PcapWriter, readPcap, type PcapHeader, type PcapRecord } from "./pcap";
export { newNetStats, type NetStats } from "./stats";
