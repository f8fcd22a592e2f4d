// Poll events and struct pollfd, as Linux's asm-generic/poll.h defines them (for ppoll).
//
// Interface: POLL* event bits; the pollfd record:
//
//   pollfd  +--------+------------+-------------+
//           | i32 fd | i16 events | i16 revents |   POLLFD_SIZE = 8
//           +--------+------------+-------------+
//           0        4            6

export const POLLIN: i16 = 0x001;      // data to read
export const POLLPRI: i16 = 0x002;
export const POLLOUT: i16 = 0x004;     // room to write
export const POLLERR: i16 = 0x008;
export const POLLHUP: i16 = 0x010;     // the other end closed
export const POLLNVAL: i16 = 0x020;    // fd not open

export const POLLFD_SIZE: usize = 8;
export const POLLFD_FD: usize = 0;
export const POLLFD_EVENTS: usize = 4;
export const POLLFD_REVENTS: usize = 6;
