// A request target to a file name: ROOT + the percent-decoded path, with "." segments dropped and
// ".." segments resolved; a ".." that would climb above ROOT is refused (400), as nginx does.
// Only origin-form targets ("/path?query") are taken. The result is NUL-terminated in `fsPath`.
// Interface: buildPath(target, tlen) -> 0 | 400 | 414; fsPath, fsLen, rootEnd (where the URL path
//   starts in fsPath), pathLen (the target's path part, before '?'), dirSlash (it ended in '/').
import { config, PATH_BUF } from "./config";
import { SLASH, DOT, PERCENT, QUESTION, HASH, hexVal } from "./bytes";

export const fsPath = memory.data(<i32>PATH_BUF + 2);   // + a '/' (listings) + NUL
export let fsLen: usize = 0;
export let rootEnd: usize = 0;
export let pathLen: usize = 0;
export let dirSlash = false;

/** Decode target[0, tlen) into fsPath after ROOT; 0, 400 or 414. */
function decode(target: usize, tlen: usize): i32 {
  let o = config.rootLen;
  let i: usize = 0;
  for (; i < tlen; i++) {
    let c = <u32>load<u8>(target + i);
    if (c == QUESTION || c == HASH) break;
    if (c == PERCENT) {
      if (i + 2 >= tlen) return 400;
      const h = hexVal(load<u8>(target + i + 1)), l = hexVal(load<u8>(target + i + 2));
      if (h < 0 || l < 0) return 400;
      c = <u32>(h * 16 + l);
      i += 2;
      if (c == 0) return 400;
    }
    if (o >= PATH_BUF) return 414;
    store<u8>(fsPath + o++, <u8>c);
  }
  pathLen = i;
  fsLen = o;
  return 0;
}

/** Drop "." and empty segments, resolve ".." (400 above ROOT); in place after ROOT. */
function normalize(): i32 {
  const start = config.rootLen;
  let o = start;
  for (let s = start; s < fsLen; ) {
    let e = s + 1;
    while (e < fsLen && load<u8>(fsPath + e) != SLASH) e++;
    const n = e - s - 1;                                       // segment length after its '/'
    const dot = n >= 1 && load<u8>(fsPath + s + 1) == DOT;
    if (n == 0 || (n == 1 && dot)) { s = e; continue; }
    if (n == 2 && dot && load<u8>(fsPath + s + 2) == DOT) {
      if (o == start) return 400;
      do o--; while (load<u8>(fsPath + o) != SLASH);
      s = e; continue;
    }
    memory.copy(fsPath + o, fsPath + s, e - s);
    o += e - s; s = e;
  }
  if (o == start) store<u8>(fsPath + o++, SLASH);               // the root itself
  fsLen = o;
  store<u8>(fsPath + o, 0);
  return 0;
}

export function buildPath(target: usize, tlen: usize): i32 {
  if (load<u8>(target) != SLASH) return 400;
  memory.copy(fsPath, config.root, config.rootLen);
  rootEnd = config.rootLen;
  const r = decode(target, tlen);
  if (r != 0) return r;
  dirSlash = load<u8>(fsPath + fsLen - 1) == SLASH;
  return normalize();
}
