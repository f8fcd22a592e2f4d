// Test guest for epoll through the SDK (guests/sdk/epoll.ts), run by tests/epoll.wait.test.ts. Prints
// one line "name value" per check; getpid() marks the points where the test looks at the frames.
//   epollwait        a timeout on the virtual clock, a blocking wait a child's write ends (level),
//                    edge-triggered wakeups counted while a child writes three times, frames
//   epollwait tty    epoll on the console: wait for input (no timeout), read it, until end of file
import { pipe2, write, read, close, fork, waitpid, sleepMs, getpid, print, exit_group, errnoName, nowNs, arg,
  epoll_create1, epoll_ctl, epoll_wait, epollEvent, eventsAt, dataAt, EPOLL_CTL_ADD, EPOLLIN, EPOLLET,
  EPOLL_EVENT_SIZE } from "../../guests/sdk";

const fds = memory.data(8);
const ev = memory.data(16);
const evs = memory.data(4 * <i32>EPOLL_EVENT_SIZE);
const buf = memory.data(64);

function out(name: string, v: string): void { print(name + " " + v + "\n"); }
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function first(n: i64): string { return n <= 0 ? "" : " 0x" + eventsAt(evs, 0).toString(16) + " " + dataAt(evs, 0).toString(); }

const ep = <i32>epoll_create1(0);

if (arg(1) == "tty") {
  epoll_ctl(ep, EPOLL_CTL_ADD, 0, epollEvent(ev, EPOLLIN, 100));
  for (;;) {
    const k = epoll_wait(ep, evs, 4, -1);
    const n = read(0, buf, 64);
    out("tty", res(k) + first(k) + " " + res(n));
    if (n <= 0) break;
  }
  exit_group(0);
}

pipe2(fds, 0);
const r = load<i32>(fds), w = load<i32>(fds + 4);
out("add", res(epoll_ctl(ep, EPOLL_CTL_ADD, r, epollEvent(ev, EPOLLIN, 42))));
getpid();                                           // checkpoint: one epoll open

const t0 = nowNs();
out("timeout", res(epoll_wait(ep, evs, 4, 250)) + " after " + (nowNs() - t0).toString() + " ns");

let child = fork();
if (child == 0) { sleepMs(10); write(w, buf, 1); exit_group(0); }
const t1 = nowNs();
const k = epoll_wait(ep, evs, 4, 5000);
out("woken", res(k) + first(k) + " within 5s " + (nowNs() - t1 < 5000000000 ? "yes" : "no"));
waitpid(<i32>child, 0, 0);
read(r, buf, 64);

// Edge triggered, blocking: a child writes three times 20 ms apart; each write is one wakeup.
const et = <i32>epoll_create1(0);
epoll_ctl(et, EPOLL_CTL_ADD, r, epollEvent(ev, EPOLLIN | EPOLLET, 7));
child = fork();
if (child == 0) { for (let i = 0; i < 3; i++) { sleepMs(20); write(w, buf, 1); } exit_group(0); }
let wakeups = 0;
while (epoll_wait(et, evs, 4, 200) > 0) wakeups++;   // never reads: only new writes are events
waitpid(<i32>child, 0, 0);
out("edge.wakeups", wakeups.toString());
getpid();                                           // checkpoint: two epolls open
close(et);
close(ep);
getpid();                                           // checkpoint: none
exit_group(0);
