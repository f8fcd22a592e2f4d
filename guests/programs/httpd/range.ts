// The Range header (RFC 9110 14.2), single byte ranges only:
//   bytes=a-b   bytes a..b (b clipped to the end)    bytes=a-   from a to the end
//   bytes=-n    the last n bytes
// A range that starts past the end (or -0) cannot be satisfied: 416 with "Content-Range: bytes */size".
// Anything else (another unit, several ranges, bad syntax) is ignored and the whole file is sent,
// as RFC 9110 allows.
// Interface: parseRange(p, n, size) -> RANGE_NONE | RANGE_OK | RANGE_BAD; rangeFirst, rangeLast.
import { DASH, COMMA, EQUALS, eqi, indexOf, parseDec } from "./bytes";

export const RANGE_NONE: i32 = 0;      // answer 200 with everything
export const RANGE_OK: i32 = 1;        // answer 206 with [rangeFirst, rangeLast]
export const RANGE_BAD: i32 = 2;       // answer 416
export let rangeFirst: i64 = 0;
export let rangeLast: i64 = 0;         // inclusive

export function parseRange(p: usize, n: usize, size: i64): i32 {
  const eq = indexOf(p, n, EQUALS);
  if (eq == n || !eqi(p, eq, "bytes")) return RANGE_NONE;
  const s = p + eq + 1, len = n - eq - 1;
  if (indexOf(s, len, COMMA) != len) return RANGE_NONE;        // several ranges: send it all
  const dash = indexOf(s, len, DASH);
  if (dash == len) return RANGE_NONE;
  const a = dash == 0 ? -1 : parseDec(s, dash);
  const b = dash + 1 == len ? -1 : parseDec(s + dash + 1, len - dash - 1);
  if (dash != 0 && a < 0) return RANGE_NONE;
  if (dash + 1 != len && b < 0) return RANGE_NONE;
  if (dash == 0) {                                              // suffix: the last b bytes
    if (b < 0) return RANGE_NONE;
    if (b == 0 || size == 0) return RANGE_BAD;
    rangeFirst = b >= size ? 0 : size - b; rangeLast = size - 1;
    return RANGE_OK;
  }
  if (b >= 0 && b < a) return RANGE_NONE;                       // invalid: ignored
  if (a >= size) return RANGE_BAD;
  rangeFirst = a; rangeLast = b < 0 || b >= size ? size - 1 : b;
  return RANGE_OK;
}
