// The HTML page listing a directory that has no index.html (as nginx's autoindex): one link per
// entry in directory order, "../" first, a '/' after subdirectories. Names are HTML-escaped in
// the text and percent-encoded in the links. A listing longer than the room given is cut short
// with a last line saying so.
// Interface: putListing(p, room, dirfd, urlPath, urlLen) -> the end of the page at p.
import { getdents64, isAlpha, isDigit, PAGE_SIZE, D_RECLEN, D_TYPE, D_NAME, DT_DIR } from "../../sdk";
import { putStr, AMP, LT, GT, QUOTE, DASH, DOT, PERCENT, SLASH } from "./bytes";

const dents = memory.data(<i32>PAGE_SIZE, 8);
const ENTRY_MAX: usize = 1536;         // room one entry's line may take (a 255-byte name, escaped twice)
const HEX = "0123456789ABCDEF";
const UNDERSCORE: u8 = 0x5f, TILDE: u8 = 0x7e;

function unreserved(c: u8): bool {
  return isAlpha(c) || isDigit(c) || c == DASH || c == DOT || c == UNDERSCORE || c == TILDE;
}

/** name (NUL-terminated) percent-encoded, as a link. */
function putHref(p: usize, name: usize): usize {
  for (let i: usize = 0; load<u8>(name + i) != 0; i++) {
    const c = load<u8>(name + i);
    if (unreserved(c)) { store<u8>(p++, c); continue; }
    store<u8>(p++, PERCENT);
    store<u8>(p++, <u8>HEX.charCodeAt(c >> 4)); store<u8>(p++, <u8>HEX.charCodeAt(c & 15));
  }
  return p;
}

/** s[0, n) HTML-escaped. */
function putText(p: usize, s: usize, n: usize): usize {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(s + i);
    if (c == AMP) p = putStr(p, "&amp;");
    else if (c == LT) p = putStr(p, "&lt;");
    else if (c == GT) p = putStr(p, "&gt;");
    else if (c == QUOTE) p = putStr(p, "&quot;");
    else store<u8>(p++, c);
  }
  return p;
}

function nameLen(name: usize): usize { let n: usize = 0; while (load<u8>(name + n) != 0) n++; return n; }

/** One entry's line. */
function putEntry(p: usize, name: usize, dir: bool): usize {
  p = putStr(p, "<li><a href=\""); p = putHref(p, name);
  if (dir) store<u8>(p++, SLASH);
  p = putStr(p, "\">"); p = putText(p, name, nameLen(name));
  if (dir) store<u8>(p++, SLASH);
  return putStr(p, "</a></li>\n");
}

let cut = false;      // the last batch did not fit

/** The entries of one getdents64 batch that fit before limit; returns the new end (cut: not all). */
function putBatch(p: usize, limit: usize, n: usize): usize {
  for (let off: usize = 0; off < n; off += load<u16>(dents + off + D_RECLEN)) {
    const name = dents + off + D_NAME;
    if (load<u8>(name) == DOT && (load<u8>(name + 1) == 0 || (load<u8>(name + 1) == DOT && load<u8>(name + 2) == 0))) continue;
    if (p + ENTRY_MAX > limit) { cut = true; return p; }
    p = putEntry(p, name, load<u8>(dents + off + D_TYPE) == DT_DIR);
  }
  return p;
}

export function putListing(p: usize, room: usize, dirfd: i32, url: usize, urlLen: usize): usize {
  const limit = p + room;
  p = putStr(p, "<!DOCTYPE html>\n<html><head><title>Index of "); p = putText(p, url, urlLen);
  p = putStr(p, "</title></head>\n<body><h1>Index of "); p = putText(p, url, urlLen);
  p = putStr(p, "</h1>\n<ul>\n");
  if (urlLen > 1) p = putStr(p, "<li><a href=\"../\">../</a></li>\n");
  cut = false;
  for (;;) {
    const n = getdents64(dirfd, dents, PAGE_SIZE);
    if (n <= 0) break;
    p = putBatch(p, limit, <usize>n);
    if (cut) { p = putStr(p, "<li>(more entries not shown)</li>\n"); break; }
  }
  return putStr(p, "</ul></body></html>\n");
}
