// The access log: one line per answered request on stderr, in the common log format
//   10.0.2.2 - - [01/Jan/1970:00:00:03 +0000] "GET /index.html HTTP/1.1" 200 1234
// (host ident user [time] "request line" status body-bytes, "-" for no body, as Apache's %b).
// Quotes, backslashes and control bytes of the request line are written \xHH, as Apache does.
// Interface: logRequest(c).
import { write } from "../../sdk";
import { Conn } from "./conn";
import { putStr, putDec, QUOTE, SP, DEL, DOT } from "./bytes";
import { putLogDate, nowSecs } from "./httpdate";

const LINE_MAX: usize = 4 << 10;
const logb = memory.data(<i32>LINE_MAX);
const LINE_SHOWN: usize = 1000;       // bytes of the request line logged (each may take 4)
const HEX = "0123456789abcdef";
const BACKSLASH: u8 = 0x5c;

function putAddr(p: usize, a: u32): usize {
  for (let s = 24; s >= 0; s -= 8) {
    p = putDec(p, (a >> s) & 0xff);
    if (s > 0) store<u8>(p++, DOT);
  }
  return p;
}

function putEscaped(p: usize, s: usize, n: usize): usize {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(s + i);
    if (c >= SP && c < DEL && c != QUOTE && c != BACKSLASH) { store<u8>(p++, c); continue; }
    p = putStr(p, "\\x");
    store<u8>(p++, <u8>HEX.charCodeAt(c >> 4)); store<u8>(p++, <u8>HEX.charCodeAt(c & 15));
  }
  return p;
}

export function logRequest(c: Conn): void {
  let p = putAddr(logb, c.peer);
  p = putStr(p, " - - ["); p = putLogDate(p, nowSecs()); p = putStr(p, "] \"");
  p = putEscaped(p, c.req, min(c.lineLen, LINE_SHOWN));
  p = putStr(p, "\" "); p = putDec(p, c.status); p = putStr(p, " ");
  p = c.sent > 0 ? putDec(p, c.sent) : putStr(p, "-");
  p = putStr(p, "\n");
  write(2, logb, p - logb);
}
