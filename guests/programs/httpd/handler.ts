// Answering one request whose head has arrived: parse it, map the target to a file under ROOT,
// and prepare the answer in the connection: out[0, outLen) (head, and a small body) and, for a
// file, its body [off, end) for body.ts. GET and HEAD only (405 with Allow otherwise).
//   a regular file      200, or 206 for a satisfiable single Range, 416 for one past the end
//   a directory         301 to "dir/" without the slash; else its index.html, or a listing
//   missing 404, unreadable or not a regular file 403, malformed 400, path too long 414
// Interface: answer(c, last) -> false when no descriptor is free (EMFILE/ENFILE): try again later.
import { openat, fstat, close, Errno, AT_FDCWD, O_RDONLY, STAT_SIZE, ST_MODE, ST_SIZE, ST_MTIME, S_ISDIR, S_ISREG } from "../../sdk";
import { Conn, OUT_MAX, Body } from "./conn";
import { rq, parseHead, lineEnd } from "./request";
import { buildPath, fsPath, fsLen, rootEnd, pathLen, dirSlash } from "./path";
import { headStart, headFinish, errorAnswer, textFinish } from "./response";
import { parseRange, rangeFirst, rangeLast, RANGE_OK, RANGE_BAD } from "./range";
import { mimeType } from "./mime";
import { putListing } from "./listing";
import { bodyOpen } from "./body";
import { putStr, putDec, putBytes, eqi, SLASH } from "./bytes";
import { putHttpDate } from "./httpdate";

const st = memory.data(<i32>STAT_SIZE, 8);
const LISTING_AT: usize = 2 << 10;          // the listing is built here in out, the head before it
const INDEX = memory.data<u8>([0x69, 0x6e, 0x64, 0x65, 0x78, 0x2e, 0x68, 0x74, 0x6d, 0x6c, 0]);   // "index.html"

function noFds(r: i64): bool { return r == -Errno.EMFILE || r == -Errno.ENFILE; }

export function answer(c: Conn, last: bool): bool {
  const end = c.headEnd - 2;                           // the head without its final CR LF
  c.lineLen = lineEnd(c.req, end);
  let status = parseHead(c.req, end);
  c.keepAlive = status == 0 && rq.keepAlive && !last;
  c.isHead = status == 0 && eqi(c.req + rq.mStart, rq.mLen, "HEAD");
  c.bodySkip = rq.bodyLen;
  c.sent = 0; c.body = Body.NONE;
  if (status == 0 && !c.isHead && !eqi(c.req + rq.mStart, rq.mLen, "GET")) status = 405;
  if (status == 0) status = buildPath(c.req + rq.tStart, rq.tLen);
  if (status != 0) { errorAnswer(c, status); return true; }
  return openTarget(c);
}

function openTarget(c: Conn): bool {
  const fd = openat(AT_FDCWD, fsPath, O_RDONLY, 0);
  if (noFds(fd)) return false;
  if (fd < 0) {
    errorAnswer(c, fd == -Errno.ENOENT || fd == -Errno.ENOTDIR ? 404 : fd == -Errno.EACCES ? 403 : 500);
    return true;
  }
  if (fstat(<i32>fd, st) < 0) { close(<i32>fd); errorAnswer(c, 500); return true; }
  const mode = load<u32>(st + ST_MODE);
  if (S_ISDIR(mode)) return directory(c, <i32>fd);
  if (!S_ISREG(mode)) { close(<i32>fd); errorAnswer(c, 403); return true; }
  return regular(c, <i32>fd, mimeType(fsPath, fsLen));
}

/** A directory: redirect, its index.html, or a listing. */
function directory(c: Conn, dfd: i32): bool {
  if (!dirSlash) { close(dfd); redirect(c); return true; }
  const idx = openat(dfd, INDEX, O_RDONLY, 0);
  if (noFds(idx)) { close(dfd); return false; }
  if (idx >= 0 && fstat(<i32>idx, st) == 0 && S_ISREG(load<u32>(st + ST_MODE))) {
    close(dfd);
    return regular(c, <i32>idx, "text/html");
  }
  if (idx >= 0) close(<i32>idx);
  listing(c, dfd);
  close(dfd);
  return true;
}

/** 301 to the target with a '/' after its path (the query kept). */
function redirect(c: Conn): void {
  const t = c.req + rq.tStart;
  let p = headStart(c, 301);
  p = putStr(p, "Location: "); p = putBytes(p, t, pathLen); p = putStr(p, "/");
  p = putBytes(p, t + pathLen, rq.tLen - pathLen); p = putStr(p, "\r\n");
  textFinish(c, p, 301);
}

/** The listing page, built after LISTING_AT, then moved to follow its head. */
function listing(c: Conn, dfd: i32): void {
  const page = c.out + LISTING_AT;
  const url = fsPath + rootEnd;
  let urlLen = fsLen - rootEnd;
  if (urlLen > 1) store<u8>(url + urlLen++, SLASH);           // shown as the client asked: "dir/"
  let e = putListing(page, OUT_MAX - LISTING_AT, dfd, url, urlLen);
  const len = e - page;
  const p = headFinish(c, headStart(c, 200), "text/html", <i64>len);
  if (c.isHead) return;
  memory.copy(p, page, len);
  c.outLen = p + len - c.out;
  c.sent = <i64>len;
}

/** A regular file fd of the given type: 200, 206 or 416, and its body. */
function regular(c: Conn, fd: i32, type: string): bool {
  const size = load<i64>(st + ST_SIZE);
  const rs = rq.rangeLen > 0 ? parseRange(rq.range, rq.rangeLen, size) : 0;
  if (rs == RANGE_BAD) {
    close(fd);
    let p = headStart(c, 416);
    p = putStr(p, "Content-Range: bytes */"); p = putDec(p, size); p = putStr(p, "\r\n");
    textFinish(c, p, 416);
    return true;
  }
  c.off = rs == RANGE_OK ? rangeFirst : 0;
  c.end = rs == RANGE_OK ? rangeLast + 1 : size;
  let p = headStart(c, rs == RANGE_OK ? 206 : 200);
  p = putStr(p, "Last-Modified: "); p = putHttpDate(p, load<i64>(st + ST_MTIME));
  p = putStr(p, "\r\nAccept-Ranges: bytes\r\n");
  if (rs == RANGE_OK) {
    p = putStr(p, "Content-Range: bytes "); p = putDec(p, c.off); p = putStr(p, "-");
    p = putDec(p, c.end - 1); p = putStr(p, "/"); p = putDec(p, size); p = putStr(p, "\r\n");
  }
  headFinish(c, p, type, c.end - c.off);
  if (c.isHead || c.end == c.off) { close(fd); return true; }
  c.file = fd;
  const r = bodyOpen(c);
  if (r < 0) { bodyCloseQuiet(c); if (noFds(r)) return false; errorAnswer(c, 500); return true; }
  c.body = Body.FILE;
  return true;
}

function bodyCloseQuiet(c: Conn): void { if (c.file >= 0) { close(c.file); c.file = -1; } }
