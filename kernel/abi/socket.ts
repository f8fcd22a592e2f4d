// Socket constants and struct sockaddr_in, as Linux defines them (linux/socket.h, linux/net.h,
// linux/in.h, linux/tcp.h, linux/errqueue.h). The kernel, the guest SDK and the tracer's name
// tables (host/trace/flags.ts) import them from here.
//
// Interface: AF_* families, SOCK_* types (SOCK_TYPE_MASK: the type field), SOL_*/SO_*/IPPROTO_*/
// IP_*/TCP_* option levels and names, SO_EE_* error-queue values, MSG_* flags, SHUT_* shutdown
// modes, INADDR_*; the sockaddr_in record:
//
//   sockaddr_in  +------------+-------------+-------------+---------+
//                | u16 family | u16 port BE | u32 addr BE | 8 zeros |   SOCKADDR_IN_SIZE = 16
//                +------------+-------------+-------------+---------+
//                0            2             4             8

export const AF_UNSPEC: i32 = 0;
export const AF_UNIX: i32 = 1;
export const AF_INET: i32 = 2;
export const AF_INET6: i32 = 10;
export const AF_NETLINK: i32 = 16;
export const AF_PACKET: i32 = 17;

export const SOCK_TYPE_MASK: i32 = 0xf;
export const SOCK_STREAM: i32 = 1;
export const SOCK_DGRAM: i32 = 2;
export const SOCK_RAW: i32 = 3;
export const SOCK_RDM: i32 = 4;
export const SOCK_SEQPACKET: i32 = 5;
export const SOCK_MAX: i32 = 11;              // types are below it (Linux's SOCK_MAX: SOCK_PACKET + 1)
export const SOCK_NONBLOCK: i32 = 0x800;     // = O_NONBLOCK
export const SOCK_CLOEXEC: i32 = 0x80000;    // = O_CLOEXEC

export const SOL_IP: i32 = 0;
export const SOL_SOCKET: i32 = 1;
export const SOL_TCP: i32 = 6;
export const SOL_UDP: i32 = 17;
export const SO_DEBUG: i32 = 1;
export const SO_REUSEADDR: i32 = 2;
export const SO_TYPE: i32 = 3;
export const SO_ERROR: i32 = 4;
export const SO_DONTROUTE: i32 = 5;
export const SO_BROADCAST: i32 = 6;
export const SO_SNDBUF: i32 = 7;
export const SO_RCVBUF: i32 = 8;
export const SO_KEEPALIVE: i32 = 9;
export const SO_OOBINLINE: i32 = 10;
export const SO_LINGER: i32 = 13;
export const SO_REUSEPORT: i32 = 15;
export const SO_RCVLOWAT: i32 = 18;
export const SO_SNDLOWAT: i32 = 19;
export const SO_ZEROCOPY: i32 = 60;

export const IPPROTO_IP: i32 = 0;
export const IPPROTO_TCP: i32 = 6;
export const IPPROTO_UDP: i32 = 17;
export const IP_RECVERR: i32 = 11;           // SOL_IP option: report errors on the error queue
export const TCP_NODELAY: i32 = 1;
export const TCP_MAXSEG: i32 = 2;
export const TCP_CORK: i32 = 3;

// sock_extended_err of a MSG_ZEROCOPY completion (recvmsg(MSG_ERRQUEUE)).
export const SO_EE_ORIGIN_ZEROCOPY: u8 = 5;
export const SO_EE_CODE_ZEROCOPY_COPIED: u32 = 1;   // the send was copied after all

export const MSG_OOB: i32 = 0x1;
export const MSG_PEEK: i32 = 0x2;
export const MSG_DONTROUTE: i32 = 0x4;
export const MSG_CTRUNC: i32 = 0x8;
export const MSG_TRUNC: i32 = 0x20;
export const MSG_DONTWAIT: i32 = 0x40;       // this call only: do not block
export const MSG_EOR: i32 = 0x80;
export const MSG_WAITALL: i32 = 0x100;       // recv: wait for the full length
export const MSG_ERRQUEUE: i32 = 0x2000;     // recvmsg: read the error queue (zero-copy completions)
export const MSG_NOSIGNAL: i32 = 0x4000;     // no SIGPIPE on a broken connection
export const MSG_MORE: i32 = 0x8000;
export const MSG_ZEROCOPY: i32 = 0x4000000;
export const MSG_CMSG_CLOEXEC: i32 = 0x40000000;

export const SHUT_RD: i32 = 0;
export const SHUT_WR: i32 = 1;
export const SHUT_RDWR: i32 = 2;

export const INADDR_ANY: u32 = 0x00000000;
export const INADDR_LOOPBACK: u32 = 0x7f000001; // 127.0.0.1

export const SOCKADDR_IN_SIZE: usize = 16;
export const SIN_FAMILY: usize = 0;   // u16, AF_INET
export const SIN_PORT: usize = 2;     // u16, network byte order
export const SIN_ADDR: usize = 4;     // u32, network byte order
