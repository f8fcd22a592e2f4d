// httpd's event loop: one process, many connections. A nonblocking listener and nonblocking
// connections; the readiness source (poller.ts) says which can move, and each connection's state
// machine (conn.ts) moves as far as it can without blocking, so an idle or slow client holds only
// its own slot. At most config.maxConns connections are served at once: while all slots are
// taken the listener is not watched and new clients wait in the listen backlog (BACKLOG; past it
// the kernel refuses them). A connection idle or stalled for config.timeoutMs is closed.
// Interface: serve() -> the exit status (runs until --count requests are answered, or forever).
import { sigignore, Sig, socket, bind, listen, accept, recv, send, shutdown, close, fcntl, nowNs, eprint, errnoName,
  setSockaddrIn, ntohl, Errno, AF_INET, SOCK_STREAM, SOCK_NONBLOCK, INADDR_ANY, SOCKADDR_IN_SIZE, SIN_ADDR,
  F_SETFL, O_NONBLOCK, SHUT_WR, MSG_NOSIGNAL, MSG_MORE, POLLIN, POLLOUT } from "../../sdk";
import { config } from "./config";
import { Conn, St, Body, conns, connInit, REQ_MAX } from "./conn";
import { pollerInit, pollerWatch, pollerForget, pollerWait, pollerToken } from "./poller";
import { findHeadEnd, lineEnd } from "./request";
import { answer } from "./handler";
import { errorAnswer } from "./response";
import { bodyStep, bodyClose, STEP_AGAIN, STEP_DONE } from "./body";
import { logRequest } from "./log";
import { CRLF } from "./bytes";

const BACKLOG: i32 = 16;                 // the kernel's most
const TICK_MS: i64 = 1000;               // how often timeouts are checked while clients are connected
const LINGER_MS: i64 = 2000;             // how long a lingering close waits for the client's FIN
const NS_PER_MS: i64 = 1_000_000;
const sa = memory.data(<i32>SOCKADDR_IN_SIZE, 4);
const salen = memory.data(4, 4);

let ls: i32 = -1;                        // the listener
const listenTok: i32 = 0;                // its poller token; connection slot i has token i + 1
let nconns: i32 = 0;
let served: i64 = 0;                     // requests answered
let draining = false;                    // --count reached: finish what is under way, then exit
let acceptBlocked = false;               // accept ran out of descriptors: wait for a close
let now: i64 = 0;                        // ms, CLOCK_MONOTONIC, at the last wakeup

function nowMs(): i64 { return nowNs() / NS_PER_MS; }

/** Watch the listener only while a slot is free and the server still takes clients. */
function watchListener(): void {
  if (ls >= 0 && !draining && !acceptBlocked && nconns < config.maxConns) pollerWatch(listenTok, ls, POLLIN);
  else pollerForget(listenTok);
}

function closeConn(c: Conn): void {
  bodyClose(c);
  pollerForget(c.slot + 1);                     // before close: the fd number is still this one's
  close(c.fd);
  c.state = St.FREE; c.fd = -1;
  nconns--;
  acceptBlocked = false;
  watchListener();
  retryWaiting();
}

/** Connections that waited for a descriptor try again (one has just been released). */
function retryWaiting(): void {
  for (let i = 0; i < conns.length; i++) {
    const c = conns[i];
    if (c.state == St.WAIT && answer(c, lastOne())) startSend(c);
  }
}

function lastOne(): bool { return config.count > 0 && served + 1 >= config.count; }

/** Shut down our side and read until the client closes (it gets every byte, and no reset). */
function linger(c: Conn): void {
  if (shutdown(c.fd, SHUT_WR) < 0) { closeConn(c); return; }
  c.state = St.LINGER; c.lastMs = now;
  pollerWatch(c.slot + 1, c.fd, POLLIN);
  drain(c);
}

function drain(c: Conn): void {
  for (;;) {
    const r = recv(c.fd, c.req, REQ_MAX);
    if (r == -Errno.EAGAIN) return;
    if (r <= 0) { closeConn(c); return; }
  }
}

/** Drop n bytes from the front of the request buffer. */
function consume(c: Conn, n: usize): void {
  memory.copy(c.req, c.req + n, c.have - n);
  c.have -= n;
}

/** The request answered (or its connection broken): log it, then keep the connection or close. */
function finish(c: Conn, ok: bool): void {
  logRequest(c);
  served++;
  bodyClose(c);
  consume(c, c.headEnd);
  if (config.count > 0 && served >= config.count) stopTaking();
  if (!ok) { closeConn(c); return; }
  if (!c.keepAlive || draining) { linger(c); return; }
  c.state = St.READ;
  pollerWatch(c.slot + 1, c.fd, POLLIN);
  process(c);                                   // a pipelined request may be waiting already
}

/** Send what the socket takes of the head, then of the body. */
function sendOut(c: Conn): void {
  const more = c.body == Body.FILE ? MSG_MORE : 0;
  while (c.outOff < c.outLen) {
    const r = send(c.fd, c.out + c.outOff, c.outLen - c.outOff, MSG_NOSIGNAL | more);
    if (r == -Errno.EAGAIN) return;
    if (r <= 0) { finish(c, false); return; }
    c.outOff += <usize>r;
  }
  if (c.body == Body.FILE) {
    const s = bodyStep(c);
    if (s == STEP_AGAIN) return;
    if (s != STEP_DONE) { finish(c, false); return; }
  }
  finish(c, true);
}

function startSend(c: Conn): void {
  c.state = St.SEND;
  pollerWatch(c.slot + 1, c.fd, POLLOUT);
  sendOut(c);
}

/** A head too long for the buffer: 414 if even the request line does not fit, else 431. */
function tooLarge(c: Conn): void {
  c.lineLen = lineEnd(c.req, c.have);
  c.headEnd = c.have; c.keepAlive = false; c.isHead = false; c.sent = 0; c.body = Body.NONE; c.bodySkip = 0;
  errorAnswer(c, c.lineLen == c.have ? 414 : 431);
  startSend(c);
}

/** Answer every whole request in the buffer (skipping request bodies), one at a time. */
function process(c: Conn): void {
  while (c.state == St.READ) {
    const k = <usize>min<i64>(c.bodySkip, <i64>c.have);
    consume(c, k); c.bodySkip -= <i64>k;
    if (c.bodySkip > 0) return;
    while (c.have >= 2 && load<u16>(c.req) == CRLF) consume(c, 2);   // stray CR LF between requests
    const e = findHeadEnd(c.req, c.have);
    if (e < 0) { if (c.have == REQ_MAX) tooLarge(c); return; }
    c.headEnd = <usize>e + 4;
    if (!answer(c, lastOne())) { c.state = St.WAIT; pollerForget(c.slot + 1); return; }
    startSend(c);
  }
}

/** Read what has arrived and answer what is complete. */
function readIn(c: Conn): void {
  while (c.state == St.READ) {
    const room = c.bodySkip > 0 && c.have == 0 ? REQ_MAX : REQ_MAX - c.have;
    const r = recv(c.fd, c.req + c.have, room);
    if (r == -Errno.EAGAIN) return;
    if (r <= 0) { closeConn(c); return; }       // the client left (or reset)
    c.have += <usize>r;
    process(c);
  }
}

function onEvent(c: Conn): void {
  c.lastMs = now;
  if (c.state == St.READ) readIn(c);
  else if (c.state == St.SEND) sendOut(c);
  else if (c.state == St.LINGER) drain(c);
}

function freeSlot(): Conn | null {
  for (let i = 0; i < conns.length; i++) if (conns[i].state == St.FREE) return conns[i];
  return null;
}

/** Take the waiting clients while slots are free. */
function acceptAll(): void {
  while (nconns < config.maxConns && !draining) {
    store<u32>(salen, <u32>SOCKADDR_IN_SIZE);
    const fd = <i32>accept(ls, sa, salen);
    if (fd == -Errno.EMFILE || fd == -Errno.ENFILE) { acceptBlocked = true; break; }
    if (fd < 0) break;                          // EAGAIN: no one else is waiting
    const c = freeSlot()!;
    fcntl(fd, F_SETFL, O_NONBLOCK);
    c.fd = fd; c.peer = ntohl(load<u32>(sa + SIN_ADDR)); c.lastMs = now;
    c.have = 0; c.bodySkip = 0; c.state = St.READ;
    nconns++;
    pollerWatch(c.slot + 1, fd, POLLIN);
    readIn(c);
  }
  watchListener();
}

/** --count reached: no new clients; idle keep-alive connections are closed. */
function stopTaking(): void {
  if (draining) return;
  draining = true;
  close(ls); ls = -1;
  watchListener();
  for (let i = 0; i < conns.length; i++) {
    const c = conns[i];
    if (c.state == St.READ && c.have == 0) closeConn(c);
  }
}

/** Close connections idle or stalled too long, and lingering ones past LINGER_MS. */
function sweep(): void {
  for (let i = 0; i < conns.length; i++) {
    const c = conns[i];
    if (c.state == St.FREE || c.state == St.WAIT) continue;
    const limit = c.state == St.LINGER ? LINGER_MS : config.timeoutMs;
    if (now - c.lastMs >= limit) closeConn(c);
  }
}

function openListener(): i32 {
  const fd = <i32>socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) { eprint("httpd: socket: " + errnoName(-fd) + "\n"); return -1; }
  setSockaddrIn(sa, INADDR_ANY, config.port);
  let r = bind(fd, sa, <u32>SOCKADDR_IN_SIZE);
  if (r == 0) r = listen(fd, BACKLOG);
  if (r < 0) { eprint("httpd: bind port " + config.port.toString() + ": " + errnoName(<i32>-r) + "\n"); return -1; }
  return fd;
}

export function serve(): i32 {
  sigignore(Sig.SIGPIPE);     // a client gone mid-body: sendfile/splice get EPIPE, the connection closes
  ls = openListener();
  if (ls < 0) return 1;
  connInit(config.maxConns);
  if (!pollerInit(config.maxConns + 1, config.epoll)) { eprint("httpd: epoll_create1 failed\n"); return 1; }
  watchListener();
  while (!(draining && nconns == 0)) {
    const n = pollerWait(nconns > 0 ? min(TICK_MS, config.timeoutMs) : -1);
    now = nowMs();
    for (let i = 0; i < n; i++) {
      const t = pollerToken(i);
      if (t == listenTok) { if (ls >= 0) acceptAll(); }
      else if (conns[t - 1].state != St.FREE) onEvent(conns[t - 1]);
    }
    sweep();
  }
  if (ls >= 0) close(ls);
  return 0;
}
