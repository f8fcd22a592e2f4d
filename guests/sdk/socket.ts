// Sockets: thin wrappers over the BSD socket syscalls (constants and sockaddr_in in
// uapi/socket.ts, msghdr in uapi/uio.ts). Each returns the raw result or -errno.
//
// Interface:
//   socket socketpair bind listen accept connect shutdown
//   sendto recvfrom sendmsg recvmsg send recv
//   setsockopt getsockopt getsockname getpeername
// addrlen arguments of accept/recvfrom/get*name/getsockopt are pointers to a u32 (in: room, out: size).

import { Sys } from "../../kernel/abi/syscalls";
import { syscall2, syscall3, syscall4, syscall5, syscall6 } from "./syscall";

export function socket(domain: i32, type: i32, protocol: i32 = 0): i64 {
  return syscall3(Sys.socket, domain, type, protocol);
}

/** sv points at two i32 receiving the connected pair. */
export function socketpair(domain: i32, type: i32, protocol: i32, sv: usize): i64 {
  return syscall4(Sys.socketpair, domain, type, protocol, sv);
}

export function bind(fd: i32, addr: usize, addrlen: u32): i64 {
  return syscall3(Sys.bind, fd, addr, addrlen);
}

export function listen(fd: i32, backlog: i32): i64 {
  return syscall2(Sys.listen, fd, backlog);
}

/** addr and addrlen may be 0. Returns the new connection's fd. */
export function accept(fd: i32, addr: usize = 0, addrlen: usize = 0): i64 {
  return syscall3(Sys.accept, fd, addr, addrlen);
}

export function connect(fd: i32, addr: usize, addrlen: u32): i64 {
  return syscall3(Sys.connect, fd, addr, addrlen);
}

/** how is SHUT_RD, SHUT_WR or SHUT_RDWR. */
export function shutdown(fd: i32, how: i32): i64 {
  return syscall2(Sys.shutdown, fd, how);
}

export function sendto(fd: i32, buf: usize, len: usize, flags: i32, dest: usize, addrlen: u32): i64 {
  return syscall6(Sys.sendto, fd, buf, len, flags, dest, addrlen);
}

export function recvfrom(fd: i32, buf: usize, len: usize, flags: i32, src: usize, addrlen: usize): i64 {
  return syscall6(Sys.recvfrom, fd, buf, len, flags, src, addrlen);
}

export function send(fd: i32, buf: usize, len: usize, flags: i32 = 0): i64 {
  return sendto(fd, buf, len, flags, 0, 0);
}

export function recv(fd: i32, buf: usize, len: usize, flags: i32 = 0): i64 {
  return recvfrom(fd, buf, len, flags, 0, 0);
}

export function sendmsg(fd: i32, msg: usize, flags: i32): i64 {
  return syscall3(Sys.sendmsg, fd, msg, flags);
}

export function recvmsg(fd: i32, msg: usize, flags: i32): i64 {
  return syscall3(Sys.recvmsg, fd, msg, flags);
}

export function setsockopt(fd: i32, level: i32, name: i32, optval: usize, optlen: u32): i64 {
  return syscall5(Sys.setsockopt, fd, level, name, optval, optlen);
}

export function getsockopt(fd: i32, level: i32, name: i32, optval: usize, optlen: usize): i64 {
  return syscall5(Sys.getsockopt, fd, level, name, optval, optlen);
}

export function getsockname(fd: i32, addr: usize, addrlen: usize): i64 {
  return syscall3(Sys.getsockname, fd, addr, addrlen);
}

export function getpeername(fd: i32, addr: usize, addrlen: usize): i64 {
  return syscall3(Sys.getpeername, fd, addr, addrlen);
}
