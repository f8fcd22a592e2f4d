// C strings: NUL-terminated UTF-8 bytes, the form paths and argv take across the syscall ABI.
//
// Interface:
//   cstr(s)            a new ArrayBuffer holding s as UTF-8 plus a NUL; pass
//                      changetype<usize>(buf) to a syscall while the buffer is held in a local
//   strlen(p)          bytes before the NUL at p
//   fromCstr(p)        the string at p (UTF-8, NUL-terminated)
//   fromUtf8(p, n)     the string in the n bytes at p

/** s as NUL-terminated UTF-8 in a fresh buffer. */
export function cstr(s: string): ArrayBuffer {
  return String.UTF8.encode(s, true);
}

/** Length in bytes of the NUL-terminated string at p. */
export function strlen(p: usize): usize {
  let q = p;
  while (load<u8>(q) != 0) q++;
  return q - p;
}

/** The NUL-terminated UTF-8 string at p. */
export function fromCstr(p: usize): string {
  return String.UTF8.decodeUnsafe(p, strlen(p));
}

/** The UTF-8 string in the n bytes at p. */
export function fromUtf8(p: usize, n: usize): string {
  return String.UTF8.decodeUnsafe(p, n);
}
