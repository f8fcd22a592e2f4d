// Content-Type by file name extension (the common types of a static site), as nginx's mime.types
// names them; anything else is application/octet-stream.
// Interface: mimeType(name, len) -> the type string.
import { DOT, SLASH, eqi } from "./bytes";

const TYPES: string[] = [
  "html", "text/html", "htm", "text/html", "css", "text/css", "js", "text/javascript",
  "mjs", "text/javascript", "json", "application/json", "txt", "text/plain", "md", "text/plain",
  "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
  "svg", "image/svg+xml", "ico", "image/x-icon", "webp", "image/webp", "wasm", "application/wasm",
  "pdf", "application/pdf", "xml", "application/xml", "csv", "text/csv",
];
const DEFAULT = "application/octet-stream";

/** The extension of name[0, len) (after its last '.', in its last segment), as an offset, or len. */
function extension(name: usize, len: usize): usize {
  for (let i = len; i > 0; i--) {
    const c = load<u8>(name + i - 1);
    if (c == SLASH) break;
    if (c == DOT) return i;
  }
  return len;
}

export function mimeType(name: usize, len: usize): string {
  const e = extension(name, len);
  for (let i = 0; i < TYPES.length; i += 2) if (eqi(name + e, len - e, TYPES[i])) return TYPES[i + 1];
  return DEFAULT;
}
