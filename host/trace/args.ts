// Argument kinds: how one syscall argument is shown, strace style. Each kind is an ArgSpec whose
// render(ctx, v) returns the text (or null to leave the argument out, like openat's mode without
// O_CREAT). Input kinds render at entry (user memory may change later); `out` kinds render at exit,
// when the result is known.
// Interface: ArgSpec, ArgCtx and the kinds below (fd, int, path, ibuf(k), obuf(k), flags(set),
// iepollEvent, oepollEvents...).
import { Sig } from "../../kernel/abi/signals";
import { AT_FDCWD } from "../../kernel/abi/fcntl";
import { TV_SEC, TV_NSEC } from "../../kernel/abi/time";
import { IOVEC_SIZE, IOV_BASE, IOV_LEN } from "../../kernel/abi/uio";
import { UTS_LEN, UTS_SYSNAME, UTS_NODENAME } from "../../kernel/abi/utsname";
import { AF_INET, AF_UNIX, SIN_FAMILY, SIN_PORT, SIN_ADDR } from "../../kernel/abi/socket";
import { POLLFD_SIZE, POLLFD_FD, POLLFD_EVENTS, POLLFD_REVENTS } from "../../kernel/abi/poll";
import { EPOLL_EVENT_SIZE, EPOLL_EVENT_EVENTS, EPOLL_EVENT_DATA, EPOLL_CTL_DEL } from "../../kernel/abi/epoll";
import { AF, POLL_EVENTS, EPOLL_EVENTS, enumText, flagsText, type FlagSet, type Named } from "./flags";
import { quote, type UserMem } from "./usermem";

export interface ArgCtx {
  mem: UserMem;
  args: bigint[];       // the raw arguments (seven slots; a Linux call uses six)
  ret: bigint | null;   // the result (exit only; null at entry or when it never returned)
  strSize: number;      // strace -s
}

export interface ArgSpec { out?: boolean; render: (c: ArgCtx, v: bigint) => string | null }

// Narrowing of a raw 64-bit argument (int and unsigned int are 32 bits, as the kernel reads them).
// Pointers and sizes are shown whole, as strace does: a guest may pass any 64-bit value, and the
// kernel refuses a pointer at or above 2^32 rather than cutting it.
export const i32 = (v: bigint) => Number(BigInt.asIntN(32, v));
export const u32 = (v: bigint) => Number(BigInt.asUintN(32, v));
export const hex = (v: number | bigint) => (v === 0 || v === 0n ? "0" : "0x" + v.toString(16));
const hex64 = (v: bigint) => hex(BigInt.asUintN(64, v));
const ptrText = (v: bigint) => (BigInt.asUintN(64, v) === 0n ? "NULL" : hex64(v));
/** A user address that can be read (wasm32: below 2^32), else null. */
const userVa = (v: bigint): number | null => (BigInt.asUintN(64, v) <= 0xffffffffn ? Number(BigInt.asUintN(64, v)) : null);
/** A 64-bit length as a number, for comparisons with the string size (exact up to 2^53). */
const len64 = (v: bigint) => Number(BigInt.asUintN(64, v));
/** A successful result usable as a byte count, else null. */
export const okCount = (ret: bigint | null) => (ret !== null && ret >= 0n ? Number(ret) : null);

const arg = (render: ArgSpec["render"], out = false): ArgSpec => ({ render, out });

export const fd = arg((_, v) => String(i32(v)));
export const dirfd = arg((_, v) => (i32(v) === AT_FDCWD ? "AT_FDCWD" : String(i32(v))));
export const int = arg((_, v) => String(i32(v)));
export const uint = arg((_, v) => String(u32(v)));
export const size = arg((_, v) => String(BigInt.asUintN(64, v)));   // size_t: 64-bit, as strace
export const off = arg((_, v) => String(BigInt.asIntN(64, v)));   // off_t / loff_t: 64-bit
export const hexoff = arg((_, v) => hex64(v));                    // mmap's offset
export const raw = arg((_, v) => hex64(v));                       // unknown meaning
export const ptr = arg((_, v) => ptrText(v));
export const mode = arg((_, v) => "0" + (u32(v) & 0o7777).toString(8).padStart(3, "0"));
export const sig = arg((_, v) => sigName(i32(v)));
export const flags = (set: FlagSet) => arg((_, v) => flagsText(set, u32(v)));
export const named = (names: Named) => arg((_, v) => enumText(names, i32(v)));

export function sigName(n: number): string {
  return Sig[n] ?? String(n);
}

/** A NUL-terminated string (path), cut at strSize. */
export const path = arg((c, v) => {
  const va = userVa(v);
  if (va === null || va === 0) return ptrText(v);
  const r = c.mem.cstring(va, c.strSize);
  return r ? quote(r.s, r.cut) : ptrText(v);
});

/** Up to n bytes at va, cut at strSize; the pointer when unreadable. */
function bufText(c: ArgCtx, va: number, n: number): string {
  const shown = Math.min(n, c.strSize);
  const b = c.mem.bytes(va, shown);
  return b ? quote(b, n > shown) : hex(va);
}

/** An input buffer whose length is argument k (write's data). */
export const ibuf = (k: number) => arg((c, v) => {
  const va = userVa(v);
  return va === null ? ptrText(v) : bufText(c, va, len64(c.args[k]));
});

/** An output buffer: shown at exit, as many bytes as the result says (read's data). */
export const obuf = (k: number) => arg((c, v) => {
  const n = okCount(c.ret), va = userVa(v);
  return n === null || va === null ? ptrText(v) : bufText(c, va, Math.min(n, len64(c.args[k])));
}, true);

/** An output NUL-terminated string (getcwd). */
export const ostr = arg((c, v) => (okCount(c.ret) === null ? ptrText(v) : path.render(c, v)), true);

function timespecAt(c: ArgCtx, va: number): string | null {
  const s = c.mem.i64(va + TV_SEC), ns = c.mem.i64(va + TV_NSEC);
  return s === null || ns === null ? null : `{tv_sec=${s}, tv_nsec=${ns}}`;
}

/** struct timespec {i64 tv_sec; i64 tv_nsec} read at entry (nanosleep) or exit (clock_gettime). */
export const timespec = arg((c, v) => (u32(v) === 0 ? "NULL" : timespecAt(c, u32(v)) ?? ptrText(v)));
export const otimespec = arg((c, v) => (okCount(c.ret) === null ? ptrText(v) : timespec.render(c, v)), true);

/** int[2] written by pipe2 and socketpair: [3, 4]. */
export const ofds = arg((c, v) => {
  const a = okCount(c.ret) === null ? null : c.mem.i32(u32(v)), b = c.mem.i32(u32(v) + 4);
  return a === null || b === null ? ptrText(v) : `[${a}, ${b}]`;
}, true);

// iovec on wasm32: { u32 iov_base; u32 iov_len }.
function iovText(c: ArgCtx, va: number, cnt: number, total: number | null): string | null {
  const n = Math.min(cnt, c.strSize);
  const tab = c.mem.bytes(va, IOVEC_SIZE * n);
  if (!tab) return null;
  const dv = new DataView(tab.buffer, tab.byteOffset, tab.byteLength);
  const parts: string[] = [];
  let left = total ?? Infinity;
  for (let i = 0; i < n; i++) {
    const base = dv.getUint32(IOVEC_SIZE * i + IOV_BASE, true), len = dv.getUint32(IOVEC_SIZE * i + IOV_LEN, true);
    const take = Math.min(len, left);
    left -= take;
    parts.push(`{iov_base=${bufText(c, base, take)}, iov_len=${len}}`);
  }
  return "[" + parts.join(", ") + (cnt > n ? ", ..." : "") + "]";
}

/** An iovec array read at entry (writev: each base with its own length). */
export const iiov = (k: number) => arg((c, v) => iovText(c, u32(v), u32(c.args[k]), null) ?? ptrText(v));
/** An iovec array shown at exit, the result's bytes spread over the vectors (readv). */
export const oiov = (k: number) => arg((c, v) => {
  const n = okCount(c.ret);
  return n === null ? ptrText(v) : iovText(c, u32(v), u32(c.args[k]), n) ?? ptrText(v);
}, true);

/** wait4's status: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]. */
export const ostatus = arg((c, v) => {
  if (u32(v) === 0) return "NULL";
  const s = okCount(c.ret) ? c.mem.i32(u32(v)) : null;
  if (s === null) return ptrText(v);
  return "[" + waitStatusText(s) + "]";
}, true);

export function waitStatusText(s: number): string {
  const term = s & 0x7f;
  if (term === 0) return `{WIFEXITED(s) && WEXITSTATUS(s) == ${(s >> 8) & 0xff}}`;
  return `{WIFSIGNALED(s) && WTERMSIG(s) == ${sigName(term)}${s & 0x80 ? " && WCOREDUMP(s)" : ""}}`;
}

/** struct utsname: six 65-byte strings; strace shows the first two. */
export const outsname = arg((c, v) => {
  const b = okCount(c.ret) === null ? null : c.mem.bytes(u32(v), UTS_NODENAME + UTS_LEN);
  if (!b) return ptrText(v);
  const field = (o: number) => { const e = b.indexOf(0, o); return quote(b.subarray(o, e < 0 || e > o + UTS_LEN ? o + UTS_LEN : e), false); };
  return `{sysname=${field(UTS_SYSNAME)}, nodename=${field(UTS_NODENAME)}, ...}`;
}, true);

function sockaddrAt(c: ArgCtx, va: number, len: number): string | null {
  const b = c.mem.bytes(va, Math.min(len, 110));
  if (!b || b.length < 2) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fam = dv.getUint16(SIN_FAMILY, true), famName = enumText(AF, fam);
  if (fam === AF_INET && b.length >= SIN_ADDR + 4) {
    const port = dv.getUint16(SIN_PORT, false), addr = b.subarray(SIN_ADDR, SIN_ADDR + 4).join(".");
    return `{sa_family=AF_INET, sin_port=htons(${port}), sin_addr=inet_addr("${addr}")}`;
  }
  if (fam === AF_UNIX) {
    const p = b.subarray(2), e = p.indexOf(0);
    return `{sa_family=AF_UNIX, sun_path=${quote(e < 0 ? p : p.subarray(0, e), false)}}`;
  }
  return `{sa_family=${famName}, ...}`;
}

/** A socket address given with its length in argument k (bind, connect, sendto). */
export const isockaddr = (k: number) => arg((c, v) => (u32(v) === 0 ? "NULL" : sockaddrAt(c, u32(v), u32(c.args[k])) ?? ptrText(v)));
/** A socket address written by the kernel, its length at the socklen_t pointer in argument k. */
export const osockaddr = (k: number) => arg((c, v) => {
  const len = u32(v) && okCount(c.ret) !== null ? c.mem.u32(u32(c.args[k])) : null;
  return len === null ? ptrText(v) : sockaddrAt(c, u32(v), len) ?? ptrText(v);
}, true);
/** A socklen_t (or int) pointer shown as [16] at exit. */
export const ointp = arg((c, v) => {
  const n = u32(v) && okCount(c.ret) !== null ? c.mem.i32(u32(v)) : null;
  return n === null ? ptrText(v) : `[${n}]`;
}, true);
/** An int pointer read at entry when its length (argument k) is 4: setsockopt's [1]. */
export const iintp = (k: number) => arg((c, v) => {
  const n = u32(c.args[k]) === 4 ? c.mem.i32(u32(v)) : null;
  return n === null ? ptrText(v) : `[${n}]`;
});
/** A loff_t pointer (splice, sendfile, copy_file_range): [0] or NULL. */
export const loffp = arg((c, v) => {
  const n = u32(v) ? c.mem.i64(u32(v)) : null;
  return n === null ? ptrText(v) : `[${n}]`;
});

/** execve's argv: ["sh", "-c", "x"]. */
export const argv = arg((c, v) => {
  const list = ptrArray(c, u32(v));
  if (!list) return ptrText(v);
  const shown = list.slice(0, c.strSize).map((p) => path.render(c, BigInt(p)) ?? hex(p));
  return "[" + shown.join(", ") + (list.length > shown.length ? ", ..." : "") + "]";
});
/** execve's envp: 0x1000 /* 3 vars *\/. */
export const envp = arg((c, v) => {
  const list = ptrArray(c, u32(v));
  return list ? `${ptrText(v)} /* ${list.length} vars */` : ptrText(v);
});

function ptrArray(c: ArgCtx, va: number): number[] | null {
  if (va === 0) return null;
  const out: number[] = [];
  for (let a = va; out.length < 4096; a += 4) {
    const p = c.mem.u32(a);
    if (p === null) return null;
    if (p === 0) return out;
    out.push(p);
  }
  return out;
}

/** struct pollfd {int fd; short events; short revents}[k]: [{fd=3, events=POLLIN}]. */
export const pollfds = (k: number) => arg((c, v) => pollText(c, u32(v), u32(c.args[k]), false) ?? ptrText(v));

export function pollText(c: ArgCtx, va: number, n: number, revents: boolean): string | null {
  const b = c.mem.bytes(va, POLLFD_SIZE * Math.min(n, c.strSize));
  if (!b) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength), parts: string[] = [];
  for (let i = 0; i < b.length / POLLFD_SIZE; i++) {
    const ev = dv.getUint16(POLLFD_SIZE * i + (revents ? POLLFD_REVENTS : POLLFD_EVENTS), true);
    if (revents && ev === 0) continue;
    parts.push(`{fd=${dv.getInt32(POLLFD_SIZE * i + POLLFD_FD, true)}, ${revents ? "revents" : "events"}=${flagsText(POLL_EVENTS, ev)}}`);
  }
  return "[" + parts.join(", ") + "]";
}

/** One struct epoll_event: {events=EPOLLIN, data={u32=4, u64=4}} (strace's way), or null when unreadable. */
function epollEventAt(c: ArgCtx, va: number): string | null {
  const events = c.mem.u32(va + EPOLL_EVENT_EVENTS), data = c.mem.i64(va + EPOLL_EVENT_DATA);
  if (events === null || data === null) return null;
  const u64 = BigInt.asUintN(64, BigInt(data));
  return `{events=${flagsText(EPOLL_EVENTS, events)}, data={u32=${Number(BigInt.asUintN(32, u64))}, u64=${u64}}}`;
}
/** epoll_ctl's event, read at entry; EPOLL_CTL_DEL takes none: its pointer as given. */
export const iepollEvent = arg((c, v) =>
  (u32(v) === 0 || i32(c.args[1]) === EPOLL_CTL_DEL ? ptrText(v) : epollEventAt(c, u32(v)) ?? ptrText(v)));
/** epoll_pwait's events, shown at exit: as many as the result says. */
export const oepollEvents = arg((c, v) => {
  const n = okCount(c.ret), va = userVa(v);
  if (n === null || va === null) return ptrText(v);
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, c.strSize); i++) parts.push(epollEventAt(c, va + i * EPOLL_EVENT_SIZE) ?? "?");
  return "[" + parts.join(", ") + (n > parts.length ? ", ..." : "") + "]";
}, true);
