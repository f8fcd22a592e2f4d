// Reading a traced process's memory and quoting it the way strace does.
// Interface: UserMem (bound to one pid): bytes(va, n), cstring(va, max), u32(va), i64(va);
// quote(bytes, cut) -> "\"hello\\n\"..." with strace escapes.
import { PAGE_SIZE } from "../../kernel/abi/layout";

export type ReadUser = (pid: number, va: number, len: number) => Uint8Array | null;

/** One process's memory, read through the host's readUser; null when unmapped. */
export class UserMem {
  constructor(private readonly read: ReadUser, readonly pid: number) {}

  /** n bytes at va, or null if any page is unreadable. */
  bytes(va: number, n: number): Uint8Array | null {
    if (n === 0) return new Uint8Array(0);
    const b = this.read(this.pid, va >>> 0, n);
    return b && b.length >= n ? b.subarray(0, n) : null;
  }

  /** The NUL-terminated string at va, at most `max` bytes; `cut` when no NUL came within max. */
  cstring(va: number, max: number): { s: Uint8Array; cut: boolean } | null {
    const parts: number[] = [];
    let a = va >>> 0;
    while (parts.length < max) {
      const chunk = Math.min(max - parts.length, PAGE_SIZE - (a % PAGE_SIZE));
      const b = this.readSome(a, chunk);
      if (!b) return parts.length ? { s: Uint8Array.from(parts), cut: true } : null;
      for (let i = 0; i < b.length; i++) {
        if (b[i] === 0) return { s: Uint8Array.from(parts), cut: false };
        parts.push(b[i]);
      }
      if (b.length < chunk) return { s: Uint8Array.from(parts), cut: true };
      a += chunk;
    }
    const next = this.read(this.pid, a, 1);   // exactly max long: no "..." if a NUL follows
    return { s: Uint8Array.from(parts), cut: !(next && next[0] === 0) };
  }

  // n bytes at va, or the readable bytes before the first unreadable one (a readUser finer than
  // pages), up to a NUL; null when none.
  private readSome(va: number, n: number): Uint8Array | null {
    const b = this.read(this.pid, va, n);
    if (b && b.length >= n) return b.subarray(0, n);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = this.read(this.pid, va + i, 1);
      if (!c || c.length < 1) break;
      out.push(c[0]);
      if (c[0] === 0) break;
    }
    return out.length ? Uint8Array.from(out) : null;
  }

  u32(va: number): number | null {
    const b = this.bytes(va, 4);
    return b ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) : null;
  }

  i32(va: number): number | null {
    const v = this.u32(va);
    return v === null ? null : v | 0;
  }

  i64(va: number): bigint | null {
    const b = this.bytes(va, 8);
    return b ? new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true) : null;
  }
}

const ESC: Record<number, string> = { 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\" };

/** strace's quoting: printable ASCII as is, C escapes, other bytes in octal; `...` after when cut. */
export function quote(b: Uint8Array, cut: boolean): string {
  let s = '"';
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (ESC[c]) s += ESC[c];
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else {
      const next = i + 1 < b.length ? b[i + 1] : -1;
      const o = c.toString(8);
      s += "\\" + (next >= 0x30 && next <= 0x37 ? o.padStart(3, "0") : o);
    }
  }
  return s + '"' + (cut ? "..." : "");
}
