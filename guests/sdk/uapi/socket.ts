// Socket constants and the sockaddr_in record: kernel/abi/socket.ts, re-exported for guest
// programs, and byte-order helpers.
//
// Interface: everything in kernel/abi/socket.ts; htons/htonl/ntohs/ntohl, ipv4(a, b, c, d),
// setSockaddrIn(p, addr, port).
import { AF_INET, SIN_FAMILY, SIN_PORT, SIN_ADDR } from "../../../kernel/abi/socket";
export * from "../../../kernel/abi/socket";

/** Host to network byte order, 16 bits. */
export function htons(x: u16): u16 { return bswap<u16>(x); }
/** Host to network byte order, 32 bits. */
export function htonl(x: u32): u32 { return bswap<u32>(x); }
/** Network to host byte order, 16 bits. */
export function ntohs(x: u16): u16 { return bswap<u16>(x); }
/** Network to host byte order, 32 bits. */
export function ntohl(x: u32): u32 { return bswap<u32>(x); }

/** IPv4 address a.b.c.d in host order, e.g. ipv4(10, 0, 2, 2). */
export function ipv4(a: u32, b: u32, c: u32, d: u32): u32 {
  return (a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff);
}

/** Fill the sockaddr_in at p with AF_INET, addr and port (both in host order). */
export function setSockaddrIn(p: usize, addr: u32, port: u16): void {
  store<u16>(p + SIN_FAMILY, <u16>AF_INET);
  store<u16>(p + SIN_PORT, htons(port));
  store<u32>(p + SIN_ADDR, htonl(addr));
  store<u64>(p + 8, 0);
}
