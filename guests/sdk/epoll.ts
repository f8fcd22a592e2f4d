// epoll: watch many files with one wait (Linux's epoll(7)). Each returns the raw result or -errno.
//
// Interface:
//   epoll_create1(flags)                         a new epoll fd (EPOLL_CLOEXEC)
//   epoll_ctl(epfd, op, fd, event)               EPOLL_CTL_ADD / MOD / DEL; event points at an epoll_event
//   epoll_pwait(epfd, events, max, timeoutMs, sigmask = 0)   wait; events: room for max epoll_events
//   epoll_wait(epfd, events, max, timeoutMs)     the same without a signal mask
//   epoll_pwait2(epfd, events, max, timeout, sigmask = 0)   timeout: a struct timespec (0: none)
//   epollEvent(buf, events, data)                fill the epoll_event at buf; eventsAt(buf, i), dataAt(buf, i)
// The record layout (16 bytes: events, padding, u64 data) and the EPOLL* bits: uapi/epoll.ts.

import { Sys } from "../../kernel/abi/syscalls";
import { EPOLL_EVENT_SIZE, EPOLL_EVENT_EVENTS, EPOLL_EVENT_DATA, EP_SIGSET_SIZE } from "../../kernel/abi/epoll";
import { syscall1, syscall4, syscall6 } from "./syscall";

export function epoll_create1(flags: i32 = 0): i64 {
  return syscall1(Sys.epoll_create1, flags);
}

export function epoll_ctl(epfd: i32, op: i32, fd: i32, event: usize): i64 {
  return syscall4(Sys.epoll_ctl, epfd, op, fd, event);
}

export function epoll_pwait(epfd: i32, events: usize, max: i32, timeoutMs: i32, sigmask: usize = 0): i64 {
  return syscall6(Sys.epoll_pwait, epfd, events, max, timeoutMs, sigmask, sigmask != 0 ? EP_SIGSET_SIZE : 0);
}

export function epoll_pwait2(epfd: i32, events: usize, max: i32, timeout: usize, sigmask: usize = 0): i64 {
  return syscall6(Sys.epoll_pwait2, epfd, events, max, timeout, sigmask, sigmask != 0 ? EP_SIGSET_SIZE : 0);
}

export function epoll_wait(epfd: i32, events: usize, max: i32, timeoutMs: i32): i64 {
  return epoll_pwait(epfd, events, max, timeoutMs, 0);
}

export function epollEvent(buf: usize, events: u32, data: u64): usize {
  store<u32>(buf + EPOLL_EVENT_EVENTS, events);
  store<u64>(buf + EPOLL_EVENT_DATA, data);
  return buf;
}
export function eventsAt(buf: usize, i: i32): u32 { return load<u32>(buf + <usize>i * EPOLL_EVENT_SIZE + EPOLL_EVENT_EVENTS); }
export function dataAt(buf: usize, i: i32): u64 { return load<u64>(buf + <usize>i * EPOLL_EVENT_SIZE + EPOLL_EVENT_DATA); }
