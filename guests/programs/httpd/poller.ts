// The readiness source of httpd's event loop: ppoll (the default) or epoll (httpd --poller epoll,
// epoller.ts), chosen at pollerInit. Shaped like epoll so the loop does not care which: each
// watched fd has a token (a connection slot, or the listener's), its interest is set or changed by
// pollerWatch, and a wait returns a list of (token, events). Under ppoll the interest set is an
// array of pollfd records indexed by token (fd -1: not watched, ppoll skips it), handed to ppoll
// up to the highest watched token.
// Interface: pollerInit(tokens, useEpoll) (false if epoll cannot be had), pollerWatch(token, fd,
//   events), pollerForget(token), pollerWait(timeoutMs) -> ready count (or -errno), pollerToken(i),
//   pollerEvents(i).
import { ppoll, POLLFD_SIZE, POLLFD_FD, POLLFD_EVENTS, POLLFD_REVENTS, TIMESPEC_SIZE, TV_SEC, TV_NSEC,
  mmapAnon } from "../../sdk";
import { epollerInit, epollerWatch, epollerForget, epollerWait, epollerToken, epollerEvents } from "./epoller";

let pfds: usize = 0;          // pollfd[tokens]
let ntok: i32 = 0;
let high: i32 = 0;            // 1 + the highest watched token: ppoll gets pollfd[0, high)
let ready: usize = 0;         // i32 tokens of the last wait's ready entries
let nready: i32 = 0;
let epoll = false;            // epoller.ts does the work
const tmo = memory.data(<i32>TIMESPEC_SIZE, 8);
const NS_PER_MS: i64 = 1_000_000;

function entry(token: i32): usize { return pfds + <usize>token * POLLFD_SIZE; }

/** Room for tokens 0 .. tokens-1, none watched. */
export function pollerInit(tokens: i32, useEpoll: bool): bool {
  epoll = useEpoll;
  if (epoll) return epollerInit(tokens);
  ntok = tokens;
  pfds = <usize>mmapAnon(<usize>tokens * POLLFD_SIZE);
  ready = <usize>mmapAnon(<usize>tokens * sizeof<i32>());
  for (let t = 0; t < tokens; t++) pollerForget(t);
  return true;
}

/** Watch fd under token for events (POLLIN, POLLOUT); replaces the token's earlier interest. */
export function pollerWatch(token: i32, fd: i32, events: i16): void {
  if (epoll) { epollerWatch(token, fd, events); return; }
  store<i32>(entry(token) + POLLFD_FD, fd);
  store<i16>(entry(token) + POLLFD_EVENTS, events);
  store<i16>(entry(token) + POLLFD_REVENTS, 0);
  if (fd >= 0 && token >= high) high = token + 1;
  while (high > 0 && load<i32>(entry(high - 1) + POLLFD_FD) < 0) high--;
}

export function pollerForget(token: i32): void { if (epoll) epollerForget(token); else pollerWatch(token, -1, 0); }

/** Wait until a watched fd is ready or timeoutMs passes (-1: no limit). */
export function pollerWait(timeoutMs: i64): i32 {
  if (epoll) return epollerWait(timeoutMs);
  if (timeoutMs >= 0) {
    store<i64>(tmo + TV_SEC, timeoutMs / 1000);
    store<i64>(tmo + TV_NSEC, (timeoutMs % 1000) * NS_PER_MS);
  }
  const r = ppoll(pfds, <u32>high, timeoutMs >= 0 ? tmo : 0);
  nready = 0;
  if (r <= 0) return <i32>r;
  for (let t = 0; t < high; t++) {
    if (load<i16>(entry(t) + POLLFD_REVENTS) == 0) continue;
    store<i32>(ready + <usize>nready * sizeof<i32>(), t);
    nready++;
  }
  return nready;
}

export function pollerToken(i: i32): i32 { return epoll ? epollerToken(i) : load<i32>(ready + <usize>i * sizeof<i32>()); }
export function pollerEvents(i: i32): i16 { return epoll ? epollerEvents(i) : load<i16>(entry(pollerToken(i)) + POLLFD_REVENTS); }
