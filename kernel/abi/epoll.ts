// epoll's numbers and struct epoll_event, as Linux's uapi <linux/eventpoll.h> defines them. The
// kernel (epoll.ts, sysepoll.ts), the guest SDK, the C header (<sys/epoll.h> through wasmos/abi.h)
// and the tracer's name tables (host/trace/flags.ts) import them from here.
//
// Interface: EPOLL_CLOEXEC, EPOLL_CTL_*, the EPOLL* event bits, EP_MAX_EVENTS, EP_MAX_NESTS and the
// epoll_event record (asm-generic: not packed, so 16 bytes on wasm32 as on arm64):
//
//   epoll_event  +------------+---------+--------------------------+
//                | u32 events | (pad)   | u64 data (the caller's)  |   EPOLL_EVENT_SIZE = 16
//                +------------+---------+--------------------------+
//                0            4         8
import { O_CLOEXEC } from "./fcntl";
import { SIGSET_SIZE } from "./signals";

export const EPOLL_CLOEXEC: i32 = O_CLOEXEC;   // epoll_create1's one flag

export const EPOLL_CTL_ADD: i32 = 1;   // watch a file
export const EPOLL_CTL_DEL: i32 = 2;   // stop watching it
export const EPOLL_CTL_MOD: i32 = 3;   // change what is watched (and re-arm EPOLLONESHOT)

export const EPOLLIN: u32 = 0x001;     // the same bits as poll's POLL* (kernel/abi/poll.ts)
export const EPOLLPRI: u32 = 0x002;
export const EPOLLOUT: u32 = 0x004;
export const EPOLLERR: u32 = 0x008;    // always reported
export const EPOLLHUP: u32 = 0x010;    // always reported
export const EPOLLNVAL: u32 = 0x020;
export const EPOLLRDNORM: u32 = 0x040;
export const EPOLLRDBAND: u32 = 0x080;
export const EPOLLWRNORM: u32 = 0x100;
export const EPOLLWRBAND: u32 = 0x200;
export const EPOLLMSG: u32 = 0x400;
export const EPOLLRDHUP: u32 = 0x2000; // the peer shut its writing side
export const EPOLLEXCLUSIVE: u32 = 0x10000000;   // wake one of several epolls (accepted, nothing more: one CPU)
export const EPOLLWAKEUP: u32 = 0x20000000;   // hold a wakeup source (accepted, ignored)
export const EPOLLONESHOT: u32 = 0x40000000;   // report once, then disarmed until EPOLL_CTL_MOD
export const EPOLLET: u32 = 0x80000000;   // edge triggered: report new events, not levels

// The bits an item keeps when EPOLLONESHOT disarms it (Linux's EP_PRIVATE_BITS).
export const EP_PRIVATE_BITS: u32 = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;
// What EPOLLEXCLUSIVE may be combined with (Linux's EPOLLEXCLUSIVE_OK_BITS).
export const EPOLLEXCLUSIVE_OK_BITS: u32 = EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;

export const EPOLL_EVENT_SIZE: u32 = 16;
export const EPOLL_EVENT_EVENTS: u32 = 0;   // u32
export const EPOLL_EVENT_DATA: u32 = 8;     // u64

export const EP_MAX_EVENTS: i32 = 134217727;   // largest maxevents: INT_MAX / EPOLL_EVENT_SIZE
export const EP_MAX_NESTS: i32 = 4;         // epolls inside epolls, at most this deep (else ELOOP)

// sizeof(sigset_t) epoll_pwait takes with a signal mask (_NSIG / 8, as Linux); another size: EINVAL.
export const EP_SIGSET_SIZE: u32 = SIGSET_SIZE;
