// One client connection's state, and the table of them. A connection moves through
//   READ  -> (a whole request head) -> SEND (the head, then the body) -> READ (keep-alive) ...
//   WAIT  an answer that needs a descriptor while none is free: retried when another is released
//   LINGER after shutdown(SHUT_WR), reading until the client closes (it gets every byte, no reset)
// Each slot owns two buffers, mapped once at start (demand-zero: untouched pages cost nothing):
// `req` holds request bytes as they arrive, `out` the response head, an error or listing body,
// and the read+write method's file data.
// Interface: Conn, St, conns (the slots), connInit(n), REQ_MAX, OUT_MAX.
import { mmapAnon } from "../../sdk";

export const REQ_MAX: usize = 8 << 10;        // request head (request line + headers), else 414/431
export const OUT_MAX: usize = 32 << 10;       // response head + small bodies + one read+write chunk

export enum St { FREE = 0, READ = 1, SEND = 2, WAIT = 3, LINGER = 4 }
export enum Body { NONE = 0, FILE = 1 }

export class Conn {
  slot: i32 = 0;
  state: St = St.FREE;
  fd: i32 = -1;
  peer: u32 = 0;               // client IPv4 address, host order (for the log)
  lastMs: i64 = 0;             // last progress, for the idle timeout
  req: usize = 0;              // REQ_MAX bytes
  have: usize = 0;             // bytes in req
  out: usize = 0;              // OUT_MAX bytes
  outOff: usize = 0;           // out[outOff, outLen) is still to send
  outLen: usize = 0;
  // the request being answered (offsets into req)
  headEnd: usize = 0;          // bytes of req the head takes (with its CR LF CR LF)
  lineLen: usize = 0;          // the request line, for the log
  keepAlive: bool = false;
  isHead: bool = false;
  bodySkip: i64 = 0;           // request body bytes still to discard
  status: i32 = 0;
  sent: i64 = 0;               // response body bytes sent
  // the body (Body.FILE: bytes [off, end) of file fd by the configured method)
  body: Body = Body.NONE;
  file: i32 = -1;
  off: i64 = 0;
  end: i64 = 0;
  pipeR: i32 = -1;             // splice: the connection's pipe and what it holds
  pipeW: i32 = -1;
  piped: i64 = 0;
  map: usize = 0;              // mmap+write: the file's mapping
  mapLen: usize = 0;
  bufOff: usize = 0;           // read+write: out[bufOff, bufLen) read from the file, not yet sent
  bufLen: usize = 0;
}

export const conns: Conn[] = [];

/** Make n free slots with their buffers. */
export function connInit(n: i32): void {
  const mem = <usize>mmapAnon(<usize>n * (REQ_MAX + OUT_MAX));
  for (let i = 0; i < n; i++) {
    const c = new Conn();
    c.slot = i;
    c.req = mem + <usize>i * (REQ_MAX + OUT_MAX);
    c.out = c.req + REQ_MAX;
    conns.push(c);
  }
}
