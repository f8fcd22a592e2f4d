// Helpers shared by the WASI handlers (wasifd.ts, wasipath.ts, wasiproc.ts): results written to the
// guest (each a counted copy_to_user, as Linux's put_user), a WASI-only errno, an fd's open file.
// Interface: putU32(p, va, v), putU64(p, va, v) -> 0 or -EFAULT, wasiErr(e) -> a handler result for
// WASI errno e, openFile(p, fd) -> file index or -1, uptr(a) -> a guest address (u32).
import { Errno } from "./abi/errno";
import { WASI_DIRECT } from "./abi/wasi";
import { Proc } from "./proc";
import { fdGet } from "./file";
import { copyToUser } from "./copy";
import { u32arg } from "./sysarg";

const word: usize = memory.data(8);

export function putU32(p: Proc, va: u32, v: u32): i64 {
  store<u32>(word, v);
  return copyToUser(p, va, word, 4) < 0 ? -Errno.EFAULT : 0;
}

export function putU64(p: Proc, va: u32, v: u64): i64 {
  store<u64>(word, v);
  return copyToUser(p, va, word, 8) < 0 ? -Errno.EFAULT : 0;
}

@inline export function wasiErr(e: i32): i64 { return -(<i64>WASI_DIRECT + <i64>e); }
@inline export function openFile(p: Proc, fd: i64): i32 { return <u64>fd > 0x7fffffff ? -1 : fdGet(p, <i32>fd); }
@inline export function uptr(a: i64): u32 { return u32arg(a); }
