// Request heads (RFC 9112): find where a head ends in the bytes received, and parse it.
//   METHOD SP TARGET SP HTTP/1.x CR LF (Name: value CR LF)* CR LF
// Parsing fills the global `rq` (offsets into the connection's req buffer) and returns 0 or the
// status to answer: 400 for a malformed head, a 1.1 request without Host, a bad Content-Length or
// any Transfer-Encoding (request bodies are skipped, chunked ones cannot be).
// Interface: findHeadEnd(buf, n) -> offset of CR LF CR LF or -1; lineEnd(buf, n);
//   parseHead(buf, end) -> 0 | 400; rq (the parsed request).
import { CRLF, CRLFCRLF, SP, HT, COLON, eqi, hasToken, indexOf, parseDec } from "./bytes";

export class Request {
  mStart: usize = 0; mLen: usize = 0;       // method
  tStart: usize = 0; tLen: usize = 0;       // target
  lineLen: usize = 0;                       // the request line
  http11: bool = false;
  keepAlive: bool = false;
  bodyLen: i64 = 0;                         // Content-Length
  range: usize = 0; rangeLen: usize = 0;    // the Range header's value (rangeLen 0: none)
}
export const rq = new Request();

/** Offset of the first CR LF CR LF in buf[0, n), or -1. */
export function findHeadEnd(buf: usize, n: usize): isize {
  for (let i: usize = 0; i + 4 <= n; i++) if (load<u32>(buf + i) == CRLFCRLF) return <isize>i;
  return -1;
}

/** Offset of the first CR LF in buf[0, n), or n. */
export function lineEnd(buf: usize, n: usize): usize {
  let e: usize = 0;
  while (e + 1 < n && load<u16>(buf + e) != CRLF) e++;
  return e + 1 < n ? e : n;
}

/** The request line buf[0, end): 0 or 400. */
function parseLine(buf: usize, end: usize): i32 {
  rq.lineLen = end;
  rq.mStart = 0; rq.mLen = indexOf(buf, end, SP);
  rq.tStart = rq.mLen + 1; rq.tLen = rq.tStart < end ? indexOf(buf + rq.tStart, end - rq.tStart, SP) : 0;
  const v = rq.tStart + rq.tLen + 1;
  if (rq.mLen == 0 || rq.tLen == 0 || v >= end) return 400;
  if (eqi(buf + v, end - v, "HTTP/1.1")) rq.http11 = true;
  else if (eqi(buf + v, end - v, "HTTP/1.0")) rq.http11 = false;
  else return 400;
  rq.keepAlive = rq.http11;
  return 0;
}

/** Parse the head buf[0, end) (end: where its final CR LF starts). */
export function parseHead(buf: usize, end: usize): i32 {
  rq.bodyLen = 0; rq.rangeLen = 0; rq.mLen = 0; rq.tLen = 0;
  const le = lineEnd(buf, end);
  if (parseLine(buf, le) != 0) return 400;
  let host = false;
  for (let p = le + 2; p < end; ) {
    const e = p + lineEnd(buf + p, end - p);
    const colon = p + indexOf(buf + p, e - p, COLON);
    if (colon == p || colon == e) return 400;
    for (let k = p; k < colon; k++) if (load<u8>(buf + k) <= SP) return 400;   // no blank in a name
    let v = colon + 1;
    while (v < e && (load<u8>(buf + v) == SP || load<u8>(buf + v) == HT)) v++;
    let ve = e;
    while (ve > v && (load<u8>(buf + ve - 1) == SP || load<u8>(buf + ve - 1) == HT)) ve--;
    const r = header(buf + p, colon - p, buf + v, ve - v);
    if (r < 0) return 400;
    if (r == 1) host = true;
    p = e + 2;
  }
  if (rq.http11 && !host) return 400;     // RFC 9112 3.2: a 1.1 request without Host is answered 400
  return 0;
}

/** One header: 1 for Host, 0 for another, -1 if malformed. */
function header(name: usize, nlen: usize, val: usize, vlen: usize): i32 {
  if (eqi(name, nlen, "host")) return 1;
  if (eqi(name, nlen, "connection")) {
    if (hasToken(val, vlen, "close")) rq.keepAlive = false;
    else if (hasToken(val, vlen, "keep-alive")) rq.keepAlive = true;
  } else if (eqi(name, nlen, "content-length")) {
    rq.bodyLen = parseDec(val, vlen);
    if (rq.bodyLen < 0) { rq.bodyLen = 0; return -1; }
  } else if (eqi(name, nlen, "transfer-encoding")) return -1;
  else if (eqi(name, nlen, "range")) { rq.range = val; rq.rangeLen = vlen; }
  return 0;
}

