// Response heads and the small answers that need no file: the status line, the common headers
// (Server, Date, Content-Type, Content-Length, Connection), and error answers whose body is one
// line of text ("404 Not Found\n"). Everything is written into the connection's out buffer; the
// caller sends out[0, outLen).
// Interface: reason(status), headStart(c, status) -> p (append more headers at p),
//   headFinish(c, p, type, length) (ends the head: outLen), errorAnswer(c, status),
//   textFinish(c, p, status) (a head begun with headStart, ended with the one-line body).
import { Conn } from "./conn";
import { putStr, putDec } from "./bytes";
import { putHttpDate, nowSecs } from "./httpdate";

export function reason(status: i32): string {
  switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}

/** The status line, Server and Date. */
export function headStart(c: Conn, status: i32): usize {
  c.status = status;
  let p = putStr(c.out, "HTTP/1.1 ");
  p = putDec(p, status); p = putStr(p, " "); p = putStr(p, reason(status));
  p = putStr(p, "\r\nServer: wasmos-httpd\r\nDate: "); p = putHttpDate(p, nowSecs());
  return putStr(p, "\r\n");
}

/** Content-Type, Content-Length, Connection and the blank line; the head is out[0, outLen). */
export function headFinish(c: Conn, p: usize, type: string, length: i64): usize {
  p = putStr(p, "Content-Type: "); p = putStr(p, type);
  p = putStr(p, "\r\nContent-Length: "); p = putDec(p, length);
  p = putStr(p, c.keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
  c.outOff = 0; c.outLen = p - c.out;
  return p;
}

/** An error answer with a one-line text body; a 405 names the allowed methods. */
export function errorAnswer(c: Conn, status: i32): void {
  let p = headStart(c, status);
  if (status == 405) p = putStr(p, "Allow: GET, HEAD\r\n");
  textFinish(c, p, status);
}

/** End a head begun by headStart (more headers appended up to p) with a one-line text body. */
export function textFinish(c: Conn, p: usize, status: i32): void {
  const len = <i64>reason(status).length + 5;                  // "NNN " + reason + "\n"
  p = headFinish(c, p, "text/plain", len);
  if (c.isHead) return;
  p = putDec(p, status); p = putStr(p, " "); p = putStr(p, reason(status)); p = putStr(p, "\n");
  c.outLen = p - c.out;
  c.sent = len;
}
