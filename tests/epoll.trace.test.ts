// How the tracer shows epoll (host/trace): strace's lines for epoll_create1, epoll_ctl (the event
// read at entry, DEL's pointer as given, an error), epoll_pwait (the events the result counts, []
// on a timeout, the pointer on an error), and the readiness record (Ev.epollReady) under its call.
import { expect, test } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Ev } from "../kernel/abi/trace";
import { Errno } from "../kernel/abi/errno";
import { EPOLLIN, EPOLLOUT, EPOLLET, EPOLLHUP, EPOLL_CLOEXEC, EPOLL_CTL_ADD, EPOLL_CTL_DEL } from "../kernel/abi/epoll";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

const word = (fd: number, events: number) => BigInt(fd) | (BigInt(events) << 32n);

test("epoll calls and the readiness event, as strace and wasmos print them", () => {
  const user = new FakeUser()
    .pokeU32(1, 0x100, EPOLLIN | EPOLLET, 0).pokeI64(1, 0x108, 4n)           // epoll_ctl's event
    .pokeU32(1, 0x200, EPOLLIN, 0).pokeI64(1, 0x208, 4n)                     // epoll_pwait's two events
    .pokeU32(1, 0x210, EPOLLOUT | EPOLLHUP, 0).pokeI64(1, 0x218, 0x100000005n);
  const { lines } = runTrace([
    enter(1, Sys.epoll_create1, [EPOLL_CLOEXEC]), exit(2, 1, Sys.epoll_create1, 3),
    enter(3, Sys.epoll_ctl, [3, EPOLL_CTL_ADD, 4, 0x100]), exit(4, 3, Sys.epoll_ctl, 0),
    enter(5, Sys.epoll_ctl, [3, EPOLL_CTL_DEL, 4, 0]), exit(6, 5, Sys.epoll_ctl, -Errno.ENOENT),
    enter(7, Sys.epoll_pwait, [3, 0x200, 8, -1, 0, 8]),
    { seq: 8, kind: Ev.epollReady, cause: 7, sub: 3, a: [2, word(4, EPOLLIN), word(5, EPOLLOUT | EPOLLHUP)] },
    exit(9, 7, Sys.epoll_pwait, 2),
    enter(10, Sys.epoll_pwait, [3, 0x200, 8, 100, 0, 8]), exit(11, 10, Sys.epoll_pwait, 0),
    enter(12, Sys.epoll_pwait, [3, 0x200, 0, 0, 0, 8]), exit(13, 12, Sys.epoll_pwait, -Errno.EINVAL),
  ], { user });
  expect(lines).toEqual([
    "epoll_create1(EPOLL_CLOEXEC) = 3",
    "epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLET, data={u32=4, u64=4}}) = 0",
    "epoll_ctl(3, EPOLL_CTL_DEL, 4, NULL) = -1 ENOENT (No such file or directory)",
    "epoll_pwait(3, [{events=EPOLLIN, data={u32=4, u64=4}}, {events=EPOLLOUT|EPOLLHUP, data={u32=5, u64=4294967301}}], 8, -1, NULL, 8) = 2",
    "    epoll ready 2: 4 EPOLLIN, 5 EPOLLOUT|EPOLLHUP",
    "epoll_pwait(3, [], 8, 100, NULL, 8) = 0",
    "epoll_pwait(3, 0x200, 0, 0, NULL, 8) = -1 EINVAL (Invalid argument)",
  ]);
});
