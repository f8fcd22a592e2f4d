// httpd: a small HTTP/1.1 file server. Serves the files under ROOT on PORT, one connection at a
// time; the requests of a connection are answered in order (keep-alive and pipelining). A file's
// body goes out with sendfile(): disk -> page cache -> NIC, never through this program's memory.
//   GET and HEAD of a regular file    200, Content-Length from fstat, Content-Type text/plain for
//                                     .txt and .md, else application/octet-stream
//   missing file 404, directory 403, another method 405, a malformed request 400 (then close)
// HTTP/1.1 keeps the connection unless the client sends "Connection: close"; HTTP/1.0 closes
// unless it sends "Connection: keep-alive". Before closing, the server shuts down its side and reads
// until the client closes (a lingering close: the client gets every byte, and no reset).
// One line per request on stderr: METHOD TARGET STATUS BODY-BYTES, e.g. GET /data/big.bin 200 16777216
// Usage: httpd [--count N] [PORT] [ROOT]   (defaults 80 and /; --count N: exit after N requests)
// Limits: no timeouts (a client that sends nothing holds the server); at most 8 KiB of request head;
// request bodies (Content-Length) are skipped, chunked ones refused; the kernel has no sigaction, so a
// client that resets the connection during sendfile() ends the server with SIGPIPE.
import { argc, arg, parseInteger, socket, bind, listen, accept, send, recv, shutdown, sendfile, openat, read, close,
  fstat, write, eprint, exit_group, errnoName, setSockaddrIn, Errno,
  AF_INET, SOCK_STREAM, INADDR_ANY, MSG_NOSIGNAL, MSG_MORE, SHUT_WR, AT_FDCWD, O_RDONLY, STAT_SIZE, ST_MODE, ST_SIZE, S_ISDIR, S_ISREG,
  SOCKADDR_IN_SIZE } from "../sdk";

const REQ_MAX: usize = 8192;                     // request head (request line + headers)
const req = memory.data(<i32>REQ_MAX);
const PATH_MAX: usize = 1024;
const path = memory.data(<i32>PATH_MAX + 1);     // ROOT + decoded path, NUL-terminated
const out = memory.data(1024);                   // response head or error body
const logb = memory.data(1024);                  // one log line
const JUNK: usize = 4096;
const junk = memory.data(<i32>JUNK);             // discarded request bodies, lingering-close reads
const sa = memory.data(<i32>SOCKADDR_IN_SIZE);
const st = memory.data(<i32>STAT_SIZE, 8);
const offp = memory.data(8, 8);                  // sendfile's offset (the file offset is not used)

// One parsed request (fields are offsets into req).
let have: usize = 0;                   // bytes in req
let mStart: usize = 0, mLen: usize = 0, tStart: usize = 0, tLen: usize = 0;
let keepAlive = true;
let bodyLeft: i64 = 0;                 // request body bytes still to skip
let served: i64 = 0;                   // requests answered
let status: i32 = 0;                   // of the current answer

// ---- small byte helpers (no allocation: the stub runtime never frees) ----

function lower(c: u32): u32 { return c >= 0x41 && c <= 0x5a ? c | 0x20 : c; }

/** Do the n bytes at p equal the ASCII string s, ignoring case? */
function eqi(p: usize, n: usize, s: string): bool {
  if (n != <usize>s.length) return false;
  for (let i: usize = 0; i < n; i++) if (lower(load<u8>(p + i)) != lower(s.charCodeAt(<i32>i))) return false;
  return true;
}

/** Does the header value at [p, p+n) hold token s (comma-separated list, case-insensitive)? */
function hasToken(p: usize, n: usize, s: string): bool {
  let i: usize = 0;
  while (i < n) {
    while (i < n && (load<u8>(p + i) == 0x20 || load<u8>(p + i) == 0x09 || load<u8>(p + i) == 0x2c)) i++;
    const start = i;
    while (i < n && load<u8>(p + i) != 0x2c) i++;
    let end = i;
    while (end > start && (load<u8>(p + end - 1) == 0x20 || load<u8>(p + end - 1) == 0x09)) end--;
    if (eqi(p + start, end - start, s)) return true;
  }
  return false;
}

/** Append ASCII s at p; returns the new end. */
function putStr(p: usize, s: string): usize {
  for (let i = 0; i < s.length; i++) store<u8>(p + <usize>i, <u8>s.charCodeAt(i));
  return p + <usize>s.length;
}

function putDec(p: usize, v: i64): usize {
  let n: u64 = <u64>v, len: usize = 1;
  for (let t = n; t >= 10; t /= 10) len++;
  for (let i = len; i > 0; i--) { store<u8>(p + i - 1, <u8>(0x30 + n % 10)); n /= 10; }
  return p + len;
}

function putBytes(p: usize, src: usize, n: usize): usize { memory.copy(p, src, n); return p + n; }

/** Offset of the first CR LF CR LF in req[0, have), or -1. */
function findHeadEnd(): isize {
  for (let i: usize = 0; i + 4 <= have; i++) {
    if (load<u32>(req + i) == 0x0a0d0a0d) return <isize>i;
  }
  return -1;
}

/** A Content-Length value: decimal digits, optional trailing blanks; -1 if malformed. */
function parseLength(p: usize, n: usize): i64 {
  while (n > 0 && load<u8>(p + n - 1) <= 0x20) n--;
  if (n == 0 || n > 15) return -1;
  let v: i64 = 0;
  for (let i: usize = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + <i64>(c - 0x30);
  }
  return v;
}

function hexVal(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? <i32>(l - 0x61 + 10) : -1;
}

// ---- the request ----

/** Parse the request head req[0, end): 0 if well formed, else the status to answer (400). */
function parseHead(end: usize): i32 {
  let lineEnd: usize = 0;
  while (lineEnd + 1 < end && load<u16>(req + lineEnd) != 0x0a0d) lineEnd++;
  if (lineEnd + 1 >= end) lineEnd = end;
  // request line: METHOD SP TARGET SP VERSION
  mStart = 0; mLen = 0;
  while (mLen < lineEnd && load<u8>(req + mLen) != 0x20) mLen++;
  tStart = mLen + 1; tLen = 0;
  while (tStart + tLen < lineEnd && load<u8>(req + tStart + tLen) != 0x20) tLen++;
  const vStart = tStart + tLen + 1;
  if (mLen == 0 || tLen == 0 || vStart >= lineEnd) return 400;
  let http11: bool;
  if (eqi(req + vStart, lineEnd - vStart, "HTTP/1.1")) http11 = true;
  else if (eqi(req + vStart, lineEnd - vStart, "HTTP/1.0")) http11 = false;
  else return 400;
  keepAlive = http11;
  bodyLeft = 0;
  let host = false;
  // headers: Name: value CR LF ...
  for (let p = lineEnd + 2; p < end; ) {
    let e = p;
    while (e + 1 < end && load<u16>(req + e) != 0x0a0d) e++;
    if (e + 1 >= end) e = end;
    let colon = p;
    while (colon < e && load<u8>(req + colon) != 0x3a) colon++;
    if (colon == p || colon == e) return 400;
    for (let k = p; k < colon; k++) if (load<u8>(req + k) <= 0x20) return 400;   // no space in a name
    let v = colon + 1;
    while (v < e && (load<u8>(req + v) == 0x20 || load<u8>(req + v) == 0x09)) v++;
    const name = req + p, nlen = colon - p, val = req + v, vlen = e - v;
    if (eqi(name, nlen, "host")) host = true;
    else if (eqi(name, nlen, "connection")) {
      if (hasToken(val, vlen, "close")) keepAlive = false;
      else if (hasToken(val, vlen, "keep-alive")) keepAlive = true;
    } else if (eqi(name, nlen, "content-length")) {
      bodyLeft = parseLength(val, vlen);
      if (bodyLeft < 0) { bodyLeft = 0; return 400; }
    } else if (eqi(name, nlen, "transfer-encoding")) return 400;
    p = e + 2;
  }
  if (http11 && !host) return 400;        // RFC 9112: a 1.1 request without Host is answered 400
  return 0;
}

/** ROOT + the decoded request path into `path` (NUL-terminated): 0, or the status to answer. */
function buildPath(root: usize, rootLen: usize): i32 {
  if (load<u8>(req + tStart) != 0x2f) return 400;          // only origin-form: /path
  memory.copy(path, root, rootLen);
  let o = rootLen;
  for (let i: usize = 0; i < tLen; i++) {
    let c = <u32>load<u8>(req + tStart + i);
    if (c == 0x3f || c == 0x23) break;                      // ?query, #fragment
    if (c == 0x25) {                                        // %XX
      if (i + 2 >= tLen) return 400;
      const h = hexVal(load<u8>(req + tStart + i + 1)), l = hexVal(load<u8>(req + tStart + i + 2));
      if (h < 0 || l < 0) return 400;
      c = <u32>(h * 16 + l);
      i += 2;
      if (c == 0) return 400;
    }
    if (o >= PATH_MAX) return 414;
    store<u8>(path + o++, <u8>c);
  }
  store<u8>(path + o, 0);
  // no ".." segment: the path must stay under ROOT
  for (let s = rootLen; s < o; ) {
    let e = s + 1;
    while (e < o && load<u8>(path + e) != 0x2f) e++;
    if (e - s == 3 && load<u16>(path + s + 1) == 0x2e2e) return 400;
    s = e;
  }
  return 0;
}

/** Does the decoded path end in ext? */
function endsWith(ext: string): bool {
  const n = <usize>ext.length;
  let len: usize = 0;
  while (load<u8>(path + len) != 0) len++;
  return len >= n && eqi(path + len - n, n, ext);
}

// ---- the response ----

function reason(status: i32): string {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    default: return "Internal Server Error";
  }
}

/** Send all of [p, p+n); false if the connection broke. */
function sendAll(conn: i32, p: usize, n: usize, flags: i32): bool {
  for (let done: usize = 0; done < n; ) {
    const r = send(conn, p + done, n - done, flags | MSG_NOSIGNAL);
    if (r == -Errno.EINTR) continue;
    if (r <= 0) return false;
    done += <usize>r;
  }
  return true;
}

/** The status line and headers for a body of `length` bytes. */
function head(status: i32, type: string, length: i64): usize {
  let p = putStr(out, "HTTP/1.1 ");
  p = putDec(p, status); p = putStr(p, " "); p = putStr(p, reason(status));
  p = putStr(p, "\r\nServer: wasmos-httpd\r\nContent-Type: "); p = putStr(p, type);
  p = putStr(p, "\r\nContent-Length: "); p = putDec(p, length);
  if (status == 405) p = putStr(p, "\r\nAllow: GET, HEAD");
  p = putStr(p, keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
  return p - out;
}

/** An error answer with a one-line text body ("404 Not Found\n"); returns the body bytes sent. */
function sendError(conn: i32, status: i32, isHead: bool): i64 {
  const bodyLen = <i64>(reason(status).length + 5);
  const n = head(status, "text/plain", bodyLen);
  let p = out + n;
  p = putDec(p, status); p = putStr(p, " "); p = putStr(p, reason(status)); p = putStr(p, "\n");
  if (!sendAll(conn, out, isHead ? n : p - out, 0)) { keepAlive = false; return 0; }
  return isHead ? 0 : bodyLen;
}

/** Answer with the file at `path`; returns the body bytes sent and sets status. */
function sendFile(conn: i32, isHead: bool): i64 {
  const fd = <i32>openat(AT_FDCWD, path, O_RDONLY, 0);
  if (fd < 0) {
    status = fd == -Errno.ENOENT || fd == -Errno.ENOTDIR ? 404 : fd == -Errno.EACCES ? 403 : 500;
    return sendError(conn, status, isHead);
  }
  if (fstat(fd, st) < 0 || !S_ISREG(load<u32>(st + ST_MODE))) {
    status = S_ISDIR(load<u32>(st + ST_MODE)) ? 403 : 500;
    close(fd);
    return sendError(conn, status, isHead);
  }
  const size = load<i64>(st + ST_SIZE);
  status = 200;
  const type = endsWith(".txt") || endsWith(".md") ? "text/plain" : "application/octet-stream";
  const n = head(200, type, size);
  let sent: i64 = 0;
  if (!sendAll(conn, out, n, isHead ? 0 : MSG_MORE)) keepAlive = false;
  else if (!isHead) {
    store<i64>(offp, 0);
    while (sent < size) {
      const r = sendfile(conn, fd, offp, <usize>min<i64>(size - sent, 0x40000000));
      if (r == -Errno.EINTR) continue;
      if (r <= 0) { keepAlive = false; break; }        // broken, or the file shrank: the length was a lie
      sent += r;
    }
  }
  close(fd);
  return sent;
}

function logLine(bytes: i64): void {
  let p = logb;
  if (mLen > 0 && mLen < 32) p = putBytes(p, req + mStart, mLen); else p = putStr(p, "-");
  p = putStr(p, " ");
  if (tLen > 0) p = putBytes(p, req + tStart, min(tLen, <usize>900)); else p = putStr(p, "-");
  p = putStr(p, " "); p = putDec(p, status); p = putStr(p, " "); p = putDec(p, bytes); p = putStr(p, "\n");
  write(2, logb, p - logb);
}

/** Answer the request whose head is req[0, end). */
function answer(conn: i32, end: usize, root: usize, rootLen: usize, last: bool): void {
  status = parseHead(end);
  if (status != 0) keepAlive = false;              // the framing is not to be trusted: close after
  if (last) keepAlive = false;
  const isGet = eqi(req + mStart, mLen, "GET"), isHead = eqi(req + mStart, mLen, "HEAD");
  if (status == 0 && !isGet && !isHead) status = 405;
  if (status == 0) status = buildPath(root, rootLen);
  let bytes: i64;
  if (status != 0) bytes = sendError(conn, status, isHead);
  else bytes = sendFile(conn, isHead);
  served++;
  logLine(bytes);
}

/** Read more of the request into req; false at end of file or on an error. */
function fill(conn: i32): bool {
  for (;;) {
    const r = read(conn, req + have, REQ_MAX - have);
    if (r == -Errno.EINTR) continue;
    if (r <= 0) return false;
    have += <usize>r;
    return true;
  }
}

/** Drop n bytes from the front of req. */
function consume(n: usize): void {
  memory.copy(req, req + n, have - n);
  have -= n;
}

/** Skip the request body (Content-Length bytes): from the buffer first, then from the socket. */
function skipBody(conn: i32): bool {
  const inBuf = <usize>min<i64>(bodyLeft, <i64>have);
  consume(inBuf);
  bodyLeft -= <i64>inBuf;
  while (bodyLeft > 0) {
    const r = read(conn, junk, <usize>min<i64>(bodyLeft, JUNK));
    if (r <= 0) return false;
    bodyLeft -= r;
  }
  return true;
}

/** Close after shutting down our side and reading until the client closes too. */
function lingeringClose(conn: i32): void {
  if (shutdown(conn, SHUT_WR) == 0) {
    while (recv(conn, junk, JUNK) > 0) {}
  }
  close(conn);
}

/** Serve one connection until it closes or the request budget is spent. */
function serve(conn: i32, root: usize, rootLen: usize, count: i64): void {
  have = 0;
  for (;;) {
    while (have >= 2 && load<u16>(req) == 0x0a0d) consume(2);    // stray CRLF between requests
    const e = findHeadEnd();
    if (e < 0) {
      if (have == REQ_MAX) { mLen = 0; tLen = 0; keepAlive = false; status = 400; logLine(sendError(conn, 400, false)); served++; break; }
      if (!fill(conn)) { close(conn); return; }                   // the client left
      continue;
    }
    const end = <usize>e + 4;
    answer(conn, end - 2, root, rootLen, count > 0 && served + 1 >= count);
    consume(end);
    if (!keepAlive || !skipBody(conn)) break;
  }
  lingeringClose(conn);
}

function usage(): void { eprint("usage: httpd [--count N] [PORT] [ROOT]\n"); exit_group(2); }

// ---- main ----

let count: i64 = 0, port: i64 = 80, rootStr = "/";
let positional = 0;
for (let i = 1; i < argc(); i++) {
  const a = arg(i);
  if (a == "--count") { count = parseInteger(arg(++i), -1); if (count <= 0) usage(); }
  else if (positional == 0) { port = parseInteger(a, -1); positional++; if (port <= 0 || port > 65535) usage(); }
  else if (positional == 1) { rootStr = a; positional++; }
  else usage();
}
if (rootStr.length == 0 || rootStr.charCodeAt(0) != 0x2f) usage();
while (rootStr.length > 1 && rootStr.endsWith("/")) rootStr = rootStr.substring(0, rootStr.length - 1);
const rootBuf = String.UTF8.encode(rootStr == "/" ? "" : rootStr);
const root = changetype<usize>(rootBuf), rootLen = <usize>rootBuf.byteLength;
if (rootLen >= PATH_MAX / 2) usage();

const ls = <i32>socket(AF_INET, SOCK_STREAM, 0);
if (ls < 0) { eprint("httpd: socket: " + errnoName(-ls) + "\n"); exit_group(1); }
setSockaddrIn(sa, INADDR_ANY, <u16>port);
let r = bind(ls, sa, 16);
if (r == 0) r = listen(ls, 8);
if (r < 0) { eprint("httpd: bind port " + port.toString() + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
while (count == 0 || served < count) {
  const conn = <i32>accept(ls);
  if (conn == -Errno.EINTR) continue;
  if (conn < 0) { eprint("httpd: accept: " + errnoName(-conn) + "\n"); exit_group(1); }
  serve(conn, root, rootLen, count);
}
close(ls);
exit_group(0);
