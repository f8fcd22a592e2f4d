// Poll events and struct pollfd, as Linux's asm-generic/poll.h defines them (for ppoll). The
// kernel, the guest SDK and the tracer's name tables (host/trace/flags.ts) import them from here.
//
// Interface: POLL* event bits, FD_SETSIZE (pselect6's fd_set: one bit per fd, in 64-bit words); the
// pollfd record:
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
export const POLLRDNORM: i16 = 0x040;
export const POLLRDBAND: i16 = 0x080;
export const POLLWRNORM: i16 = 0x100;
export const POLLWRBAND: i16 = 0x200;
export const POLLMSG: i16 = 0x400;
export const POLLRDHUP: i16 = 0x2000;

export const POLLFD_SIZE: usize = 8;
export const POLLFD_FD: usize = 0;
export const POLLFD_EVENTS: usize = 4;
export const POLLFD_REVENTS: usize = 6;

export const FD_SETSIZE: i32 = 1024;   // fds an fd_set can name (pselect6's nfds is at most this)
