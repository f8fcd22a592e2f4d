// httpd's readiness source over epoll (httpd --poller epoll): one epoll instance holds the
// interest list in the kernel, so a wait costs the ready connections, not all of them.
// Interest changes are applied lazily: pollerWatch records what a token wants and marks it dirty;
// the next wait first brings the kernel's list up to date with one epoll_ctl per token that
// changed (ADD, or MOD; a connection that goes READ -> SEND -> READ within one turn costs none).
// A forget is applied at once (EPOLL_CTL_DEL), so a descriptor number reused by the next accept
// can never meet a stale item; a DEL after close(fd) fails with EBADF, which is harmless (the
// close removed the item already). Level triggered, as ppoll. EPOLL* bits are POLL*'s.
// Interface: epollerInit(tokens) (false if epoll_create1 fails), epollerWatch(token, fd, events),
//   epollerForget(token), epollerWait(timeoutMs) -> ready count (or -errno), epollerToken(i),
//   epollerEvents(i).
import { epoll_create1, epoll_ctl, epoll_pwait, epollEvent, eventsAt, dataAt, mmapAnon,
  EPOLL_CLOEXEC, EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL, EPOLL_EVENT_SIZE } from "../../sdk";

let epfd: i32 = -1;
let ntok: i32 = 0;
let wantFd: usize = 0;        // i32[tokens]: the fd each token should watch (-1: none)
let wantEv: usize = 0;        // i16[tokens]: for what
let hasFd: usize = 0;         // i32[tokens]: what the kernel's interest list holds (-1: none)
let hasEv: usize = 0;         // i16[tokens]
let dirty: usize = 0;         // i32[tokens]: tokens whose want may differ from has (a list)
let ndirty: i32 = 0;
let queued: usize = 0;        // u8[tokens]: the token is on the dirty list
let evs: usize = 0;           // epoll_event[tokens]: the last wait's ready entries
const ev = memory.data(<i32>EPOLL_EVENT_SIZE, 8);

function i32At(base: usize, t: i32): usize { return base + <usize>t * sizeof<i32>(); }
function i16At(base: usize, t: i32): usize { return base + <usize>t * sizeof<i16>(); }

/** Room for tokens 0 .. tokens-1, none watched. */
export function epollerInit(tokens: i32): bool {
  epfd = <i32>epoll_create1(EPOLL_CLOEXEC);
  if (epfd < 0) return false;
  ntok = tokens;
  const words = <usize>tokens * sizeof<i32>();
  wantFd = <usize>mmapAnon(words); hasFd = <usize>mmapAnon(words); dirty = <usize>mmapAnon(words);
  wantEv = <usize>mmapAnon(words); hasEv = <usize>mmapAnon(words); queued = <usize>mmapAnon(<usize>tokens);
  evs = <usize>mmapAnon(<usize>tokens * EPOLL_EVENT_SIZE);
  for (let t = 0; t < tokens; t++) { store<i32>(i32At(wantFd, t), -1); store<i32>(i32At(hasFd, t), -1); }
  return true;
}

/** Watch fd under token for events (POLLIN, POLLOUT), from the next wait on. */
export function epollerWatch(token: i32, fd: i32, events: i16): void {
  store<i32>(i32At(wantFd, token), fd);
  store<i16>(i16At(wantEv, token), events);
  if (load<u8>(queued + <usize>token) != 0) return;
  store<u8>(queued + <usize>token, 1);
  store<i32>(i32At(dirty, ndirty), token); ndirty++;
}

/** Stop watching token's fd now. */
export function epollerForget(token: i32): void {
  const fd = load<i32>(i32At(hasFd, token));
  if (fd >= 0) epoll_ctl(epfd, EPOLL_CTL_DEL, fd, 0);
  store<i32>(i32At(hasFd, token), -1); store<i16>(i16At(hasEv, token), 0);
  store<i32>(i32At(wantFd, token), -1); store<i16>(i16At(wantEv, token), 0);
}

/** Bring the kernel's interest list up to date with what the tokens want. */
function applyChanges(): void {
  for (let i = 0; i < ndirty; i++) {
    const t = load<i32>(i32At(dirty, i));
    store<u8>(queued + <usize>t, 0);
    const fd = load<i32>(i32At(wantFd, t)), events = load<i16>(i16At(wantEv, t)), had = load<i32>(i32At(hasFd, t));
    if (had == fd && load<i16>(i16At(hasEv, t)) == events) continue;
    if (had >= 0 && had != fd) epoll_ctl(epfd, EPOLL_CTL_DEL, had, 0);
    let r: i64 = 0;
    if (fd >= 0) r = epoll_ctl(epfd, had == fd ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, epollEvent(ev, <u32>(<u16>events), <u64>t));
    if (r != 0) { store<i32>(i32At(wantFd, t), -1); store<i16>(i16At(wantEv, t), 0); }   // not pollable: not watched
    store<i32>(i32At(hasFd, t), r == 0 ? fd : -1);
    store<i16>(i16At(hasEv, t), r == 0 && fd >= 0 ? events : 0);
  }
  ndirty = 0;
}

/** Wait until a watched fd is ready or timeoutMs passes (-1: no limit). */
export function epollerWait(timeoutMs: i64): i32 {
  applyChanges();
  return <i32>epoll_pwait(epfd, evs, ntok, <i32>timeoutMs);
}

export function epollerToken(i: i32): i32 { return <i32>dataAt(evs, i); }
export function epollerEvents(i: i32): i16 { return <i16>eventsAt(evs, i); }
