// Socket constants and struct sockaddr_in, as Linux defines them (linux/socket.h, linux/in.h).
//
// Interface: AF_* families, SOCK_* types, SOL_*/SO_*/IPPROTO_*/TCP_* option names, MSG_* flags,
// SHUT_* shutdown modes, INADDR_*; the sockaddr_in record and byte-order helpers:
//
//   sockaddr_in  +------------+-------------+-------------+---------+
//                | u16 family | u16 port BE | u32 addr BE | 8 zeros |   SOCKADDR_IN_SIZE = 16
//                +------------+-------------+-------------+---------+
//                0            2             4             8
//   htons/htonl/ntohs/ntohl, setSockaddrIn(p, addr, port)

export const AF_UNSPEC: i32 = 0;
export const AF_UNIX: i32 = 1;
export const AF_INET: i32 = 2;
export const AF_INET6: i32 = 10;

export const SOCK_STREAM: i32 = 1;
export const SOCK_DGRAM: i32 = 2;
export const SOCK_RAW: i32 = 3;
export const SOCK_SEQPACKET: i32 = 5;
export const SOCK_NONBLOCK: i32 = 0x800;     // = O_NONBLOCK
export const SOCK_CLOEXEC: i32 = 0x80000;    // = O_CLOEXEC

export const SOL_SOCKET: i32 = 1;
export const SO_REUSEADDR: i32 = 2;
export const SO_TYPE: i32 = 3;
export const SO_ERROR: i32 = 4;
export const SO_BROADCAST: i32 = 6;
export const SO_SNDBUF: i32 = 7;
export const SO_RCVBUF: i32 = 8;
export const SO_KEEPALIVE: i32 = 9;
export const SO_REUSEPORT: i32 = 15;
export const SO_RCVLOWAT: i32 = 18;
export const SO_ZEROCOPY: i32 = 60;

export const IPPROTO_IP: i32 = 0;
export const IPPROTO_TCP: i32 = 6;
export const IPPROTO_UDP: i32 = 17;
export const TCP_NODELAY: i32 = 1;

export const MSG_OOB: i32 = 0x1;
export const MSG_PEEK: i32 = 0x2;
export const MSG_DONTWAIT: i32 = 0x40;       // this call only: do not block
export const MSG_WAITALL: i32 = 0x100;       // recv: wait for the full length
export const MSG_NOSIGNAL: i32 = 0x4000;     // no SIGPIPE on a broken connection
export const MSG_MORE: i32 = 0x8000;
export const MSG_ZEROCOPY: i32 = 0x4000000;
export const MSG_ERRQUEUE: i32 = 0x2000;        // recvmsg: read the error queue (zero-copy completions)

export const SHUT_RD: i32 = 0;
export const SHUT_WR: i32 = 1;
export const SHUT_RDWR: i32 = 2;

export const INADDR_ANY: u32 = 0x00000000;
export const INADDR_LOOPBACK: u32 = 0x7f000001; // 127.0.0.1

export const SOCKADDR_IN_SIZE: usize = 16;
export const SIN_FAMILY: usize = 0;   // u16, AF_INET
export const SIN_PORT: usize = 2;     // u16, network byte order
export const SIN_ADDR: usize = 4;     // u32, network byte order

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
