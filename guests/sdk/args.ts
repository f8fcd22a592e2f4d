// Program arguments and environment, read from the argument block the kernel builds at
// ARG_BASE (kernel/abi/layout.ts), laid out like Linux's initial stack:
//
//   ARG_BASE  +----------+-----------------+---+-----------------+---+------------------------+
//             | u32 argc | u32 argv[argc]  | 0 | u32 envp[n]     | 0 | NUL-terminated strings |
//             +----------+-----------------+---+-----------------+---+------------------------+
//
// Interface:
//   argc() arg(i, dflt) args()          count, one argument (dflt if absent), all of them
//   env() getenv(name)                  "NAME=value" strings; one value or null
//   argInt(i, dflt)                     argument i as an integer (decimal or 0x hex), dflt if absent
//   parseInteger(s, dflt)               the same parse for any string

import { ARG_BASE } from "../../kernel/abi/layout";
import { fromCstr } from "./cstring";

const BASE: usize = <usize>ARG_BASE;

/** Number of arguments, including the program name. */
export function argc(): i32 {
  return <i32>load<u32>(BASE);
}

/** Argument i, or dflt if there are not that many. */
export function arg(i: i32, dflt: string = ""): string {
  if (i < 0 || i >= argc()) return dflt;
  return fromCstr(load<u32>(BASE + 4 + (<usize>i << 2)));
}

/** All arguments; args()[0] is the program name. */
export function args(): string[] {
  const n = argc();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = fromCstr(load<u32>(BASE + 4 + (<usize>i << 2)));
  return out;
}

/** The environment as "NAME=value" strings. */
export function env(): string[] {
  const out = new Array<string>();
  let p = BASE + 4 + (<usize>(argc() + 1) << 2);
  for (let s = load<u32>(p); s != 0; s = load<u32>(p += 4)) out.push(fromCstr(s));
  return out;
}

/** The value of environment variable name, or null. */
export function getenv(name: string): string | null {
  const all = env();
  const prefix = name + "=";
  for (let i = 0; i < all.length; i++) {
    if (all[i].startsWith(prefix)) return all[i].substring(prefix.length);
  }
  return null;
}

/** Argument i as an integer, or dflt if absent or not a number. */
export function argInt(i: i32, dflt: i64): i64 {
  return i < argc() ? parseInteger(arg(i), dflt) : dflt;
}

/** s as a decimal or 0x-prefixed hex integer with an optional '-', or dflt if malformed. */
export function parseInteger(s: string, dflt: i64): i64 {
  let i = 0;
  const neg = s.length > 0 && s.charCodeAt(0) == 0x2d;   // '-'
  if (neg) i++;
  let radix: i64 = 10;
  if (s.length >= i + 2 && s.charCodeAt(i) == 0x30 && (s.charCodeAt(i + 1) | 0x20) == 0x78) {
    radix = 16;
    i += 2;
  }
  if (i >= s.length) return dflt;
  let v: i64 = 0;
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d < 0 || d >= radix) return dflt;
    v = v * radix + d;
  }
  return neg ? -v : v;
}

/** The value of an ASCII digit or letter (0-35), or -1. */
function digitValue(c: i32): i64 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x7a) return l - 0x61 + 10;
  return -1;
}
