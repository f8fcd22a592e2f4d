// How strace shows the WASI personality's calls (kernel/abi/wasi.ts): names, decoded arguments and
// the result, a WASI errno (`= 0`, `= 8 (EBADF)`). Their trace records carry the call's first seven
// arguments (path_open's rights, ignored, are left out by the kernel: kernel/wasi.ts).
// WASI iovecs are shown as `[{"hello\n", 6}]`; out-arguments (a count, a new fd, a filestat) are
// shown at exit when the call succeeded.
// Interface: WASI_TRACE (signature by WASI number), isWasiNr(nr), wasiName(nr), wasiResultText(ret).
import * as W from "../../kernel/abi/wasi";
import { Wasi, NWASI, WasiErrno } from "../../kernel/abi/wasi";
import { WASI_BASE } from "../../kernel/abi/syscalls";
import { fd, int, uint, off, raw, ptr, flags, named, hex, u32, type ArgSpec, type ArgCtx } from "./args";
import { enumText, type FlagSet, type Named } from "./flags";
import { quote } from "./usermem";
import type { Signature } from "./signatures";

const pick = (...names: (keyof typeof W & string)[]): Named => names.map((n) => [n, W[n] as number] as const);

const FDFLAGS: FlagSet = { bits: pick("FDFLAGS_APPEND", "FDFLAGS_DSYNC", "FDFLAGS_NONBLOCK", "FDFLAGS_RSYNC", "FDFLAGS_SYNC"), zero: "0" };
const OFLAGS: FlagSet = { bits: pick("OFLAGS_CREAT", "OFLAGS_DIRECTORY", "OFLAGS_EXCL", "OFLAGS_TRUNC"), zero: "0" };
const LOOKUP: FlagSet = { bits: pick("LOOKUP_SYMLINK_FOLLOW"), zero: "0" };
const FSTFLAGS: FlagSet = { bits: pick("FSTFLAGS_ATIM", "FSTFLAGS_ATIM_NOW", "FSTFLAGS_MTIM", "FSTFLAGS_MTIM_NOW"), zero: "0" };
const CLOCKS = pick("WASI_CLOCK_REALTIME", "WASI_CLOCK_MONOTONIC", "WASI_CLOCK_PROCESS_CPUTIME_ID", "WASI_CLOCK_THREAD_CPUTIME_ID");
const WHENCE = pick("WHENCE_SET", "WHENCE_CUR", "WHENCE_END");
const FILETYPES: Named = Object.entries(W.Filetype).filter(([, v]) => typeof v === "number").map(([k, v]) => [k, v as number] as const);

const ok = (c: ArgCtx) => c.ret === 0n;
const arg = (render: ArgSpec["render"], out = false): ArgSpec => ({ render, out });
const ptrText = (v: bigint) => (u32(v) === 0 ? "NULL" : hex(u32(v)));
const u64 = arg((_, v) => BigInt.asUintN(64, v).toString());

/** A (pointer, length) string whose length is argument k (at most strSize bytes of it are read). */
const wpath = (k: number) => arg((c, v) => {
  const n = u32(c.args[k]);
  const b = c.mem.bytes(u32(v), Math.min(n, c.strSize));
  return b ? quote(b, n > b.length) : ptrText(v);
});

/** A u32 the call writes (a count, a new fd): [3] at exit. */
const ou32 = arg((c, v) => {
  const n = ok(c) ? c.mem.u32(u32(v)) : null;
  return n === null ? ptrText(v) : `[${n}]`;
}, true);
/** A u64 the call writes (a time, an offset). */
const ou64 = arg((c, v) => {
  const n = ok(c) ? c.mem.i64(u32(v)) : null;
  return n === null ? ptrText(v) : `[${BigInt.asUintN(64, n)}]`;
}, true);

// WASI's (c)iovec: { u32 buf; u32 buf_len }, the kernel's iovec on wasm32.
function iovText(c: ArgCtx, va: number, cnt: number, total: number | null): string | null {
  const n = Math.min(cnt, c.strSize);
  const tab = c.mem.bytes(va, 8 * n);
  if (!tab) return null;
  const dv = new DataView(tab.buffer, tab.byteOffset, tab.byteLength);
  const parts: string[] = [];
  let left = total ?? Infinity;
  for (let i = 0; i < n; i++) {
    const base = dv.getUint32(8 * i, true), len = dv.getUint32(8 * i + 4, true);
    const take = Math.min(len, left, c.strSize);
    left -= Math.min(len, left);
    const b = c.mem.bytes(base, take);
    parts.push(`{${b ? quote(b, take < Math.min(len, total ?? len)) : hex(base)}, ${len}}`);
  }
  return "[" + parts.join(", ") + (cnt > n ? ", ..." : "") + "]";
}
/** An input iovec array, its count in argument k (fd_write). */
const ciovs = (k: number) => arg((c, v) => iovText(c, u32(v), u32(c.args[k]), null) ?? ptrText(v));
/** An output iovec array (fd_read): at exit, as many bytes as the count at argument `nk` says. */
const oiovs = (k: number, nk: number) => arg((c, v) => {
  const got = ok(c) ? c.mem.u32(u32(c.args[nk])) : null;
  return got === null ? ptrText(v) : iovText(c, u32(v), u32(c.args[k]), got) ?? ptrText(v);
}, true);

/** fdstat at exit: {fs_filetype=REGULAR_FILE, fs_flags=APPEND}. */
const ofdstat = arg((c, v) => {
  const b = ok(c) ? c.mem.bytes(u32(v), W.FDSTAT_SIZE) : null;
  if (!b) return ptrText(v);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return `{fs_filetype=${enumText(FILETYPES, b[W.FDSTAT_FILETYPE])}, fs_flags=${flags(FDFLAGS).render(c, BigInt(dv.getUint16(W.FDSTAT_FLAGS, true)))}}`;
}, true);
/** filestat at exit: {filetype=REGULAR_FILE, size=4096, ...}. */
const ofilestat = arg((c, v) => {
  const b = ok(c) ? c.mem.bytes(u32(v), W.FILESTAT_SIZE) : null;
  if (!b) return ptrText(v);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return `{ino=${dv.getBigUint64(W.FILESTAT_INO, true)}, filetype=${enumText(FILETYPES, b[W.FILESTAT_FILETYPE])}, ` +
    `nlink=${dv.getBigUint64(W.FILESTAT_NLINK, true)}, size=${dv.getBigUint64(W.FILESTAT_SIZE_OFF, true)}, ...}`;
}, true);
/** fd_prestat_dir_name's buffer (length argument 2) at exit. */
const oname = arg((c, v) => {
  const b = ok(c) ? c.mem.bytes(u32(v), Math.min(u32(c.args[2]), c.strSize)) : null;
  return b ? quote(b, u32(c.args[2]) > b.length) : ptrText(v);
}, true);

const none: ArgSpec[] = [];
const wasi = (args: ArgSpec[]): Signature => ({ args, wasi: true });

export const WASI_TRACE: Record<Wasi, Signature> = {
  [Wasi.args_get]: wasi([ptr, ptr]),
  [Wasi.args_sizes_get]: wasi([ou32, ou32]),
  [Wasi.environ_get]: wasi([ptr, ptr]),
  [Wasi.environ_sizes_get]: wasi([ou32, ou32]),
  [Wasi.clock_res_get]: wasi([named(CLOCKS), ou64]),
  [Wasi.clock_time_get]: wasi([named(CLOCKS), u64, ou64]),
  [Wasi.fd_advise]: wasi([fd, off, off, uint]),
  [Wasi.fd_allocate]: wasi([fd, off, off]),
  [Wasi.fd_close]: wasi([fd]),
  [Wasi.fd_datasync]: wasi([fd]),
  [Wasi.fd_fdstat_get]: wasi([fd, ofdstat]),
  [Wasi.fd_fdstat_set_flags]: wasi([fd, flags(FDFLAGS)]),
  [Wasi.fd_fdstat_set_rights]: wasi([fd, raw, raw]),
  [Wasi.fd_filestat_get]: wasi([fd, ofilestat]),
  [Wasi.fd_filestat_set_size]: wasi([fd, off]),
  [Wasi.fd_filestat_set_times]: wasi([fd, u64, u64, flags(FSTFLAGS)]),
  [Wasi.fd_pread]: wasi([fd, oiovs(2, 4), uint, off, ptr]),
  [Wasi.fd_prestat_get]: wasi([fd, ptr]),
  [Wasi.fd_prestat_dir_name]: wasi([fd, oname, uint]),
  [Wasi.fd_pwrite]: wasi([fd, ciovs(2), uint, off, ptr]),
  [Wasi.fd_read]: wasi([fd, oiovs(2, 3), uint, ptr]),
  [Wasi.fd_readdir]: wasi([fd, ptr, uint, u64, ou32]),
  [Wasi.fd_renumber]: wasi([fd, fd]),
  [Wasi.fd_seek]: wasi([fd, off, named(WHENCE), ou64]),
  [Wasi.fd_sync]: wasi([fd]),
  [Wasi.fd_tell]: wasi([fd, ou64]),
  [Wasi.fd_write]: wasi([fd, ciovs(2), uint, ptr]),
  [Wasi.path_create_directory]: wasi([fd, wpath(2), uint]),
  [Wasi.path_filestat_get]: wasi([fd, flags(LOOKUP), wpath(3), uint, ofilestat]),
  [Wasi.path_filestat_set_times]: wasi([fd, flags(LOOKUP), wpath(3), uint, u64, u64, flags(FSTFLAGS)]),
  [Wasi.path_link]: wasi([fd, flags(LOOKUP), wpath(3), uint, fd, wpath(6), uint]),
  // traced as (fd, dirflags, path, path_len, oflags, fdflags, fd_out): the rights are not recorded
  [Wasi.path_open]: wasi([fd, flags(LOOKUP), wpath(3), uint, flags(OFLAGS), flags(FDFLAGS), ou32]),
  [Wasi.path_readlink]: wasi([fd, wpath(2), uint, ptr, uint, ou32]),
  [Wasi.path_remove_directory]: wasi([fd, wpath(2), uint]),
  [Wasi.path_rename]: wasi([fd, wpath(2), uint, fd, wpath(5), uint]),
  [Wasi.path_symlink]: wasi([wpath(1), uint, fd, wpath(4), uint]),
  [Wasi.path_unlink_file]: wasi([fd, wpath(2), uint]),
  [Wasi.poll_oneoff]: wasi([ptr, ptr, uint, ou32]),
  [Wasi.proc_exit]: wasi([int]),
  [Wasi.proc_raise]: wasi([int]),
  [Wasi.sched_yield]: wasi(none),
  [Wasi.random_get]: wasi([ptr, uint]),
  [Wasi.sock_accept]: wasi([fd, flags(FDFLAGS), ou32]),
  [Wasi.sock_recv]: wasi([fd, oiovs(2, 4), uint, uint, ou32, ptr]),
  [Wasi.sock_send]: wasi([fd, ciovs(2), uint, uint, ou32]),
  [Wasi.sock_shutdown]: wasi([fd, uint]),
};

export function isWasiNr(nr: number): boolean {
  return nr >= WASI_BASE && nr < WASI_BASE + NWASI;
}

export function wasiName(nr: number): string {
  return Wasi[nr - WASI_BASE];
}

/** `0`, or `8 (EBADF)`; the errno's name with an E, as Linux's are shown. */
export function wasiResultText(ret: bigint): { text: string; errno?: string } {
  if (ret === 0n) return { text: "0" };
  const name = WasiErrno[Number(ret)];
  const e = name === undefined ? `ERRNO_${ret}` : name === "TOOBIG" ? "E2BIG" : `E${name}`;
  return { text: `${ret} (${e})`, errno: e };
}
