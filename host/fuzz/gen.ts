// The program generator: a seeded PRNG picks calls from the table (host/fuzz/calls.ts) and typed
// arguments for them: fds returned by earlier calls (open or already closed, or stored in memory by
// pipe2/socketpair), -1, huge and stray fds; pointers into the program's buffer, page-crossing, past
// its end, NULL, kernel-half (>= 0xC0000000), unmapped, wrapping and 64-bit ones; huge and wrapping
// 64-bit lengths and offsets; every flag bit of the call. An fd argument prefers an fd of the kind
// the call expects (a file, a pipe end, a socket) when the program has one. Each program has a "sanity" (how often
// an argument is well-formed), so some programs go deep and others stay wild.
// Same seed and options, same program.
// Interface: GenOptions, generate(seed, opts) -> Program, PATHS, STRUCT_END.
import { Sys } from "../../kernel/abi/syscalls";
import { Sig } from "../../kernel/abi/signals";
import { AT_FDCWD } from "../../kernel/abi/fcntl";
import { PAGE_SIZE as PAGE } from "../../kernel/abi/layout";
import { POLL_EVENTS, CLONE_FLAGS, type FlagSet, type Named } from "../trace/flags";
import { CALLS, DEFAULT_CALLS, type ArgType, type FdKind } from "./calls";
import { Prng } from "./prng";
import { mem32, res, val, type Arg, type Call, type Program } from "./program";
import { BUF_BASE, BUF_SIZE } from "./wire";

const PAGES_16M = (16 << 20) / PAGE;   // pages in 16 MiB: how far past a base an address may land
const PG = BigInt(PAGE);

export interface GenOptions {
  calls?: number;             // calls per program (default 24)
  only?: Sys[];               // the calls to pick from (default DEFAULT_CALLS)
  exclude?: Sys[];            // calls never picked
}

/** Paths the programs use: what the fuzz image holds (host/fuzz/image.ts), names to create, bad ones. */
export const PATHS = ["/f0", "/f1", "/d0", "/d0/f2", "/d0/d1", "/hello", "/n0", "/n1", "/d0/n2", "/d2", "/", ".", "..",
  "", "/nope/x", "/f0/x", "/d0/../f0", "x".repeat(130), "/d0/" + "y".repeat(120)];
export const STRUCT_END = BUF_SIZE / 2;   // structures below, scratch space for reads above

const SCRATCH = BUF_BASE + STRUCT_END;
const PAGE_SIZES = [PG, 8192n, 16384n, 65536n, 1n << 20n];

class Gen {
  readonly r: Prng;
  readonly data = new Uint8Array(BUF_SIZE);
  private dv = new DataView(this.data.buffer);
  private top = 0;                                 // structure area bump pointer
  private strings = new Map<string, number>();
  readonly calls: Call[] = [];
  private fds: Arg[] = [];                         // fd-valued args: results and stored pairs
  private fdsOf = new Map<FdKind, Arg[]>();        // the same by what they are
  private addrs: number[] = [];                    // calls returning an address
  private pids: number[] = [];
  sanity: number;

  constructor(seed: number, readonly opts: GenOptions) {
    this.r = new Prng(seed);
    this.sanity = this.r.pick([0.35, 0.65, 0.9]);
  }

  sane(): boolean { return this.r.chance(this.sanity); }

  /** `n` bytes (8-aligned) of the structure area; wraps around when full. */
  alloc(n: number): number {
    if (this.top + n > STRUCT_END) this.top = 0;
    const at = this.top;
    this.top = (this.top + n + 7) & ~7;
    return at;
  }

  /** A NUL-terminated string in the buffer; sometimes laid across a page boundary. */
  str(s: string, cross = false): number {
    const bytes = Buffer.from(s + "\0", "latin1");
    if (cross && bytes.length < PAGE) {
      const at = PAGE * (1 + this.r.below(STRUCT_END / PAGE - 1)) - 1 - this.r.below(Math.max(1, bytes.length - 1));
      this.data.set(bytes, at);
      return at;
    }
    const known = this.strings.get(s);
    if (known !== undefined && this.data[known + bytes.length - 1] === 0) return known;
    const at = this.alloc(bytes.length);
    this.data.set(bytes, at);
    this.strings.set(s, at);
    return at;
  }

  u32(at: number, v: number | bigint): void { this.dv.setUint32(at, Number(BigInt.asUintN(32, BigInt(v))), true); }
  u64(at: number, v: bigint): void { this.dv.setBigUint64(at, BigInt.asUintN(64, v), true); }

  // ---- scalars ----

  len(): bigint {
    if (this.sane()) return this.r.pickWeighted([[6, BigInt(this.r.below(256))], [2, BigInt(this.r.below(8192))], [1, PG], [1, 0n]]);
    return this.r.pickWeighted([
      [3, BigInt(this.r.below(1 << 20))], [2, this.r.pick([PG - 1n, PG + 1n, 8192n, 65536n, 65537n])],
      [3, this.r.pick([0x7fffffffn, 0x80000000n, 0xffffffffn, 0xfffff000n])],
      [3, this.r.pick([1n << 32n, (1n << 32n) + 16n, (1n << 63n) - 1n, (1n << 64n) - 1n, (1n << 64n) - BigInt(PAGE), 1n << 63n])],
      [1, this.r.bigBits(64)]]);
  }

  off(): bigint {
    if (this.sane()) return this.r.pickWeighted([[4, 0n], [4, BigInt(this.r.below(65536))], [2, BigInt(PAGE * this.r.below(64))]]);
    return this.r.pickWeighted([
      [2, BigInt(this.r.below(1 << 30))], [2, this.r.pick([1n << 31n, 1n << 32n, (1n << 32n) + PG, 1n << 40n, 1n << 44n])],
      [3, this.r.pick([(1n << 63n) - 1n, (1n << 63n) - PG, (1n << 64n) - 1n, (1n << 64n) - PG, 1n << 63n])],
      [1, this.r.bigBits(64)], [1, BigInt(this.r.below(1 << 20)) * PG]]);
  }

  int(): bigint {
    if (this.sane()) return BigInt(this.r.below(8));
    return this.r.pick([-1n, 0x7fffffffn, 0x80000000n, 1n << 32n, (1n << 64n) - 1n, BigInt(this.r.below(1 << 16)), this.r.bigBits(32)]);
  }

  flagsOf(set: FlagSet): bigint {
    const bits = set.bits.map(([, b]) => b);
    if (this.sane()) {
      let v = set.field ? this.r.pick(set.field.names)[1] : 0;
      for (const b of bits) if (this.r.chance(0.2)) v |= b;
      return BigInt(v >>> 0);
    }
    return this.r.pickWeighted([
      [3, BigInt(bits.reduce((a, b) => a | b, set.field ? this.r.below(set.field.mask + 1) : 0) >>> 0)],
      [2, BigInt(this.r.pick(bits) >>> 0)], [2, BigInt(this.r.u32())], [1, 0n], [1, this.r.bigBits(64)]]);
  }

  namedOf(names: Named): bigint {
    if (this.sane()) return BigInt(this.r.pick(names)[1]);
    return this.r.pick([-1n, BigInt(this.r.below(64)), BigInt(this.r.u32()), BigInt(this.r.pick(names)[1]) | (1n << 32n)]);
  }

  // ---- references ----

  private addFd(a: Arg, kind: FdKind | null): void {
    this.fds.push(a);
    if (kind) { const l = this.fdsOf.get(kind) ?? []; l.push(a); this.fdsOf.set(kind, l); }
  }

  fd(kind?: FdKind): Arg {
    const typed = kind ? this.fdsOf.get(kind) : undefined;
    if (typed && this.r.chance(0.6)) return this.r.pick(typed);
    if (this.fds.length && this.sane()) return this.r.pick(this.fds);
    return this.r.pickWeighted<Arg>([
      [4, this.fds.length ? this.r.pick(this.fds) : val(BigInt(this.r.below(8)))], [2, val(BigInt(this.r.below(3)))],
      [2, val(-1n)], [1, val(BigInt(AT_FDCWD))], [2, val(BigInt(3 + this.r.below(20)))],
      [2, val(this.r.pick([255n, 256n, 1n << 20n, 0x7fffffffn, (1n << 32n) + 3n]))]]);
  }

  ptr(size = 64): Arg {
    const scratch = () => SCRATCH + 8 * this.r.below((BUF_SIZE - STRUCT_END - Math.min(size, 8192)) / 8);
    if (this.sane()) {
      if (this.addrs.length && this.r.chance(0.25)) return res(this.r.pick(this.addrs), BigInt(PAGE * this.r.below(4)));
      return val(BigInt(scratch()));
    }
    return this.r.pickWeighted<Arg>([
      [3, val(BigInt(scratch()))],
      [3, val(BigInt(BUF_BASE + PAGE * (1 + this.r.below(BUF_SIZE / PAGE - 1)) - 1 - this.r.below(16)))],   // page-crossing
      [3, val(BigInt(BUF_BASE + BUF_SIZE - 1 - this.r.below(64)))],                                    // runs off the end
      [2, val(0n)],
      [3, val(BigInt(this.r.pick([0xc0000000, 0xc0001000, 0xfffff000, 0xc0000000 + PAGE * this.r.below(PAGES_16M)])))],
      [2, val(BigInt(0x100000000 - 1 - this.r.below(64)))],                                           // wraps
      [2, val(BigInt(this.r.pick([0x20000000, 0x10000000 + PAGE * this.r.below(PAGES_16M), 0xbffff000, PAGE, 1])))],
      [2, val((1n << 32n) + BigInt(SCRATCH))], [1, val(this.r.bigBits(64))],
      [2, this.addrs.length ? res(this.r.pick(this.addrs), BigInt(this.r.below(1 << 16))) : val(BigInt(scratch()))],
      [1, val(BigInt(BUF_BASE + this.r.below(STRUCT_END)))],                                          // over its own structures
    ]);
  }

  addr(): Arg {
    if (this.addrs.length && this.sane()) return res(this.r.pick(this.addrs), BigInt(PAGE * this.r.pick([0, 0, 1, 2])));
    return this.r.pickWeighted<Arg>([
      [3, val(0n)], [2, val(BigInt(BUF_BASE + PAGE * this.r.below(16)))], [2, val(BigInt(0x10000000 + PAGE * this.r.below(256)))],
      [2, val(BigInt(this.r.pick([0xc0000000, 0xbffff000, 0xfffff000, 0xbfff0000])))],
      [2, val(this.r.pick([(1n << 64n) - PG, 1n << 32n, (1n << 32n) + BigInt(BUF_BASE), (1n << 63n)]))],
      [1, val(BigInt(this.r.u32()))], [1, val(BigInt(0x10000000 + 1 + this.r.below(PAGE - 1)))],
      [2, this.addrs.length ? res(this.r.pick(this.addrs), BigInt(this.r.below(1 << 20))) : val(0n)]]);
  }

  maplen(): bigint {
    if (this.sane()) return this.r.pick(PAGE_SIZES) * BigInt(1 + this.r.below(2));
    return this.r.pick([0n, 1n, PG - 1n, 1n << 31n, 0xfffff000n, 0xffffffffn, 1n << 32n, (1n << 64n) - 1n, (1n << 64n) - PG,
      (1n << 64n) - BigInt(BUF_BASE), BigInt(this.r.below(1 << 26))]);
  }

  pid(): Arg {
    if (this.pids.length && this.sane()) return res(this.r.pick(this.pids));
    return val(this.r.pick([-1n, -1n, 0n, 1n, BigInt(2 + this.r.below(8)), 0x7fffffffn, -0x7fffffffn, (1n << 32n) + 1n]));
  }

  // ---- structures in the buffer ----

  path(): Arg {
    if (!this.sane() && this.r.chance(0.4)) return this.ptr(256);
    const p = this.r.pick(PATHS);
    return val(BigInt(BUF_BASE + this.str(p, this.r.chance(0.1))));
  }

  iov(): Arg {
    if (!this.sane() && this.r.chance(0.3)) return this.ptr();
    const n = this.r.pick([1, 1, 2, 3, 4]), at = this.alloc(8 * n);
    for (let i = 0; i < n; i++) {
      const p = this.ptr(256);
      this.u32(at + 8 * i, p.kind === 0 ? p.value : BigInt(SCRATCH));
      this.u32(at + 8 * i + 4, this.sane() ? BigInt(this.r.below(PAGE)) : this.len());
    }
    this.lastCount = n;
    return val(BigInt(BUF_BASE + at));
  }
  lastCount = 0;

  ts(): Arg {
    if (!this.sane() && this.r.chance(0.3)) return this.ptr();
    const at = this.alloc(16);
    this.u64(at, this.sane() ? BigInt(this.r.below(2)) : this.r.pick([-1n, 1n << 40n, 0n, (1n << 63n) - 1n]));
    this.u64(at + 8, this.sane() ? BigInt(this.r.below(1000000)) : this.r.pick([1000000000n, -1n, 999999999n, 1n << 40n]));
    return val(BigInt(BUF_BASE + at));
  }

  sockaddr(): Arg {
    if (!this.sane() && this.r.chance(0.3)) return this.ptr();
    const at = this.alloc(16);
    this.dv.setUint16(at, this.sane() ? 2 : this.r.pick([0, 1, 10, 2, this.r.below(65536)]), true);
    this.dv.setUint16(at + 2, this.r.pick([7, 9, 19, 80, 0, this.r.below(65536)]), false);
    this.dv.setUint32(at + 4, this.r.pick([0x0a000202, 0x0a000202, 0x0a00020f, 0, 0x7f000001, this.r.u32()]), false);
    return val(BigInt(BUF_BASE + at));
  }

  addrlen(): bigint { return this.sane() ? 16n : this.r.pick([0n, 1n, 8n, 15n, 128n, 0xffffffffn, (1n << 32n) + 16n]); }

  pollfds(): Arg {
    const n = 1 + this.r.below(4), at = this.alloc(8 * n);
    for (let i = 0; i < n; i++) {
      this.dv.setInt32(at + 8 * i, this.r.pick([-1, 0, 1, 2, 3, 4, 5, 6, 7, 1000]), true);
      this.dv.setUint16(at + 8 * i + 4, Number(this.flagsOf(POLL_EVENTS) & 0xffffn), true);
    }
    this.lastCount = n;
    return val(BigInt(BUF_BASE + at));
  }

  loffp(): Arg {
    if (this.r.chance(0.4)) return val(0n);
    if (!this.sane()) return this.ptr(8);
    const at = this.alloc(8);
    this.u64(at, this.off());
    return val(BigInt(BUF_BASE + at));
  }

  intp(): Arg {
    if (!this.sane() && this.r.chance(0.4)) return this.ptr(4);
    const at = this.alloc(4);
    this.u32(at, this.sane() ? this.r.pick([4n, 16n, 1n]) : this.r.pick([0n, 0xffffffffn, 0x7fffffffn, 3n]));
    return val(BigInt(BUF_BASE + at));
  }

  ofds(): { arg: Arg; at: number | null } {
    if (!this.sane() && this.r.chance(0.4)) return { arg: this.ptr(8), at: null };
    const at = this.alloc(8);
    this.dv.setInt32(at, -1, true); this.dv.setInt32(at + 4, -1, true);
    return { arg: val(BigInt(BUF_BASE + at)), at };
  }

  msghdr(): Arg {
    if (!this.sane() && this.r.chance(0.3)) return this.ptr(28);
    const at = this.alloc(28);
    const name = this.r.chance(0.5) ? this.sockaddr() : val(0n);
    const iov = this.iov();
    this.u32(at, name.value); this.u32(at + 4, this.addrlen());
    this.u32(at + 8, iov.value); this.u32(at + 12, this.sane() ? BigInt(this.lastCount) : this.int());
    const ctl = this.r.chance(0.8) ? val(0n) : this.ptr();
    this.u32(at + 16, ctl.kind === 0 ? ctl.value : 0n); this.u32(at + 20, ctl.value ? this.len() : 0n);
    this.u32(at + 24, this.int());
    return val(BigInt(BUF_BASE + at));
  }

  argv(): Arg {
    if (this.r.chance(0.2)) return val(0n);
    if (!this.sane() && this.r.chance(0.4)) return this.ptr();
    const n = this.r.below(4), at = this.alloc(4 * (n + 1));
    for (let i = 0; i < n; i++) {
      const s = this.r.pick(["hello", "-x", "", "a".repeat(this.r.pick([1, 100, 5000]))]);
      this.u32(at + 4 * i, this.r.chance(0.8) ? BigInt(BUF_BASE + this.str(s, this.r.chance(0.4))) : this.ptr().value);
    }
    this.u32(at + 4 * n, this.sane() ? 0n : this.ptr().value);
    return val(BigInt(BUF_BASE + at));
  }

  clone(): bigint {
    if (this.sane()) return BigInt(Sig.SIGCHLD);
    return this.r.pick([0n, BigInt(this.r.pick(CLONE_FLAGS)[1] | Sig.SIGCHLD), BigInt(this.r.u32()), BigInt(Sig.SIGCHLD) | (1n << 32n)]);
  }

  sig(): bigint {
    return this.sane() ? 0n : this.r.pick([0n, BigInt(Sig.SIGKILL), BigInt(Sig.SIGTERM), BigInt(Sig.SIGSEGV), BigInt(Sig.SIGCHLD), 64n, 65n, -1n, BigInt(this.r.u32())]);
  }

  // ---- one call ----

  arg(t: ArgType, prev: Arg[]): Arg {
    switch (t.t) {
      case "fd": return this.fd(t.kind);
      case "dirfd": return this.sane() ? val(BigInt(AT_FDCWD)) : this.fd();
      case "path": return this.path();
      case "ibuf": case "obuf": case "ptr": return this.ptr();
      case "len": return val(this.len());
      case "off": return val(this.off());
      case "flags": return val(this.flagsOf(t.set));
      case "named": return val(this.namedOf(t.names));
      case "int": return val(this.lastCount && prev.length && this.sane() ? BigInt(this.lastCount) : this.int());
      case "mode": return val(this.sane() ? this.r.pick([0o644n, 0o755n, 0o600n]) : BigInt(this.r.u32()));
      case "pid": return this.pid();
      case "sig": return val(this.sig());
      case "iov": return this.iov();
      case "ts": return this.ts();
      case "sockaddr": return this.sockaddr();
      case "addrlen": return val(this.addrlen());
      case "pollfds": return this.pollfds();
      case "loffp": return this.loffp();
      case "ofds": { const o = this.ofds(); this.pendingFds = o.at; return o.arg; }
      case "msghdr": return this.msghdr();
      case "argv": return this.argv();
      case "addr": return this.addr();
      case "maplen": return val(this.maplen());
      case "clone": return val(this.clone());
      case "intp": return this.intp();
    }
  }
  pendingFds: number | null = null;

  call(nr: Sys): void {
    const spec = CALLS[nr]!;
    const args: Arg[] = [];
    this.lastCount = 0;
    this.pendingFds = null;
    for (const t of spec.args) args.push(this.arg(t, args));
    while (args.length < 6) args.push(this.sane() ? val(0n) : val(this.r.bigBits(64)));
    const i = this.calls.length;
    this.calls.push({ nr, args });
    if (spec.result === "fd") this.addFd(res(i), nr === Sys.openat ? "file" : nr === Sys.socket || nr === Sys.accept ? "sock" : null);
    else if (spec.result === "addr") this.addrs.push(i);
    else if (spec.result === "pid") this.pids.push(i);
    else if (spec.result === "fds" && this.pendingFds !== null) {
      const pipe = nr === Sys.pipe2;
      this.addFd(mem32(this.pendingFds), pipe ? "pipe-r" : "sock");
      this.addFd(mem32(this.pendingFds + 4), pipe ? "pipe-w" : "sock");
    }
  }
}

/** Calls that set things up, weighted up at the start of a program so later calls have fds and maps. */
const SETUP: Sys[] = [Sys.openat, Sys.openat, Sys.pipe2, Sys.mmap, Sys.socket, Sys.socketpair];

export function generate(seed: number, opts: GenOptions = {}): Program {
  const g = new Gen(seed, opts);
  const exclude = new Set(opts.exclude ?? []);
  const pool = (opts.only ?? DEFAULT_CALLS).filter((nr) => !exclude.has(nr) && CALLS[nr]);
  if (!pool.length) throw new Error("fuzz: no calls to generate");
  const setup = SETUP.filter((nr) => pool.includes(nr));
  const n = opts.calls ?? 24;
  for (let i = 0; i < n; i++) g.call(i < 4 && setup.length && g.r.chance(0.7) ? g.r.pick(setup) : g.r.pick(pool));
  return { data: g.data.slice(0, lastNonZero(g.data)), calls: g.calls };
}

function lastNonZero(b: Uint8Array): number {
  let n = b.length;
  while (n > 0 && b[n - 1] === 0) n--;
  return n;
}
