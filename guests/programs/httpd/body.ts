// A response body: bytes [off, end) of an open file, sent on a nonblocking socket by the method
// chosen on the command line. Each step moves what the socket takes now and says whether the body
// is done, must wait for room (POLLOUT), or failed (the connection is then closed, at once: after
// a reported error the next send would be EPIPE, and sendfile or splice would raise SIGPIPE).
//   read+write   pread64 into the connection's buffer, send(MSG_NOSIGNAL) from it: 2 CPU copies
//   sendfile     sendfile(sock, file, &off): the page cache to the socket, no user copy
//   splice       file -> the connection's pipe -> socket: page references, no user copy
//   mmap+write   the file mapped once, send(MSG_NOSIGNAL) from the mapping: 1 CPU copy
// Interface: bodyOpen(c) -> 0 | -errno (EMFILE/ENFILE: retry later), bodyStep(c) -> STEP_*,
//   bodyClose(c) (releases the file, pipe, mapping).
import { Conn, OUT_MAX } from "./conn";
import { config, Method } from "./config";
import { sendfile, splice, pipe2, pread64, send, close, fcntl, mmap, munmap, Errno,
  MSG_NOSIGNAL, MSG_MORE, SPLICE_F_NONBLOCK, SPLICE_F_MORE, F_GETPIPE_SZ, PROT_READ, MAP_PRIVATE } from "../../sdk";

export const STEP_DONE: i32 = 0;
export const STEP_AGAIN: i32 = 1;     // the socket is full: wait for POLLOUT
export const STEP_FAIL: i32 = 2;

const CALL_MAX: i64 = 1 << 30;        // bytes asked of one sendfile or splice
const offp = memory.data(8, 8);       // the i64 offset sendfile and splice read and update
const fds = memory.data(8, 4);        // pipe2's two fds
let pipeCap: i64 = 0;                 // F_GETPIPE_SZ of a new pipe

/** Set up what the method needs beyond the open file. */
export function bodyOpen(c: Conn): i64 {
  c.piped = 0; c.bufOff = 0; c.bufLen = 0; c.map = 0; c.mapLen = 0;
  if (config.method == Method.splice) {
    const r = pipe2(fds, 0);
    if (r < 0) return r;
    c.pipeR = load<i32>(fds); c.pipeW = load<i32>(fds + 4);
    if (pipeCap == 0) pipeCap = fcntl(c.pipeR, F_GETPIPE_SZ);
  } else if (config.method == Method.mmapWrite && c.end > 0) {
    const a = mmap(0, <usize>c.end, PROT_READ, MAP_PRIVATE, c.file, 0);
    if (a < 0) return a;
    c.map = <usize>a; c.mapLen = <usize>c.end;
    close(c.file); c.file = -1;                 // the mapping keeps the file
  }
  return 0;
}

export function bodyClose(c: Conn): void {
  if (c.file >= 0) { close(c.file); c.file = -1; }
  if (c.pipeR >= 0) { close(c.pipeR); close(c.pipeW); c.pipeR = -1; c.pipeW = -1; }
  if (c.map != 0) { munmap(c.map, c.mapLen); c.map = 0; }
}

/** The result of a send-like call r: progress, wait, or fail. */
function verdict(r: i64): i32 { return r == -Errno.EAGAIN ? STEP_AGAIN : STEP_FAIL; }

function stepSendfile(c: Conn): i32 {
  while (c.off < c.end) {
    store<i64>(offp, c.off);
    const r = sendfile(c.fd, c.file, offp, <usize>min(c.end - c.off, CALL_MAX));
    if (r == -Errno.EINTR) continue;
    if (r <= 0) return r == 0 ? STEP_FAIL : verdict(r);       // 0: the file shrank under us
    c.off += r; c.sent += r;
  }
  return STEP_DONE;
}

function stepSplice(c: Conn): i32 {
  while (c.off < c.end || c.piped > 0) {
    if (c.piped == 0) {
      store<i64>(offp, c.off);
      const r = splice(c.file, offp, c.pipeW, 0, <usize>min(c.end - c.off, pipeCap > 0 ? pipeCap : CALL_MAX), SPLICE_F_NONBLOCK);
      if (r <= 0) return STEP_FAIL;
      c.off += r; c.piped = r;
    }
    const w = splice(c.pipeR, 0, c.fd, 0, <usize>c.piped, SPLICE_F_NONBLOCK | (c.off < c.end ? SPLICE_F_MORE : 0));
    if (w == -Errno.EINTR) continue;
    if (w <= 0) return w == 0 ? STEP_FAIL : verdict(w);
    c.piped -= w; c.sent += w;
  }
  return STEP_DONE;
}

function stepMmap(c: Conn): i32 {
  while (c.off < c.end) {
    const r = send(c.fd, c.map + <usize>c.off, <usize>min(c.end - c.off, CALL_MAX), MSG_NOSIGNAL);
    if (r == -Errno.EINTR) continue;
    if (r <= 0) return r == 0 ? STEP_FAIL : verdict(r);
    c.off += r; c.sent += r;
  }
  return STEP_DONE;
}

function stepReadWrite(c: Conn): i32 {
  while (c.off < c.end || c.bufOff < c.bufLen) {
    if (c.bufOff == c.bufLen) {
      const r = pread64(c.file, c.out, <usize>min(c.end - c.off, <i64>OUT_MAX), c.off);
      if (r <= 0) return STEP_FAIL;
      c.bufOff = 0; c.bufLen = <usize>r; c.off += r;
    }
    const w = send(c.fd, c.out + c.bufOff, c.bufLen - c.bufOff, MSG_NOSIGNAL | (c.off < c.end ? MSG_MORE : 0));
    if (w == -Errno.EINTR) continue;
    if (w <= 0) return w == 0 ? STEP_FAIL : verdict(w);
    c.bufOff += <usize>w; c.sent += w;
  }
  return STEP_DONE;
}

/** Move what the socket takes now. */
export function bodyStep(c: Conn): i32 {
  switch (config.method) {
    case Method.readWrite: return stepReadWrite(c);
    case Method.splice: return stepSplice(c);
    case Method.mmapWrite: return stepMmap(c);
    default: return stepSendfile(c);
  }
}
