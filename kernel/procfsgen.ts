// The text of each /proc file, in Linux's format, from the kernel's own accounting: frames by
// owner (kalloc.ts), the counters (stats.ts), the virtual clock, the process table and each
// process's regions and page table. docs/proc.md says where each number comes from.
// Interface: generate(p, node, seq) -> false when the process it describes is gone,
// fdLinkText(file, buf) -> length (what /proc/PID/fd/N names), nodePathText(node, buf, cap) -> length.
import { Owner, Stat, PAGE_SIZE, PAGE_SHIFT, ARG_BASE, FrameFlag } from "./abi/layout";
import { NOFILE, PATH_MAX } from "./param";
import { Proc, procByPid, procSlots, procAt, SLEEPING, ZOMBIE, UNUSED } from "./proc";
import { lastPid } from "./pid";
import { ownerCount, nframes, frame } from "./kalloc";
import { statGet } from "./stats";
import { clockNow } from "./clock";
import { vmaAt, Vma, VMA_HEAP, VMA_ANON, VMA_ARGS, VMA_FILE, VMA_NETMAP, VMA_PKTPOOL, PROT_READ, PROT_WRITE, PROT_EXEC, MAP_SHARED_FLAG, VM_LOCKED } from "./vma";
import { walk, PTE_P, ptePfn } from "./vm";
import { lookupPhys } from "./vm";
import { fileAt, FT_PIPE, FT_SOCKET, FT_CONSOLE, FT_INODE, FT_PSEUDO } from "./file";
import { inodePath } from "./dir";
import { commOf, argPtr, nameBuf } from "./names";
import { Seq, KB_PER_PAGE, seqStr, seqChar, seqNum, seqPad, seqHex, seqKb, seqBytes, seqFrac } from "./procfsseq";
import { PNode, nodeKind, nodePid, kindName } from "./procfs";
import { loadTick, loadAvg, procCounts, FIXED_1 } from "./loadavg";
import { actionAt } from "./signal";
import { leaseBreakTime } from "./lease";
import { sigpendingMax } from "./rlimit";
import { wchanOf, wchanName } from "./wchan";
import { NSIG, SIG_IGN, SIG_DFL } from "./abi/signals";

const NS_PER_TICK: u64 = 10000000;      // USER_HZ = 100: /proc/stat counts 10 ms ticks
const NS_PER_SEC: u64 = 1000000000;
const MAPS_NAME_COL: u32 = 73;          // Linux pads a named region's line to this column
const FILE_DEV: string = "fe:00";       // the virtio disk's major:minor in maps (a virtblk major)
const SIGCHLD_NR: u64 = 17;             // /proc/PID/stat's exit_signal
const RLIM_INFINITY_TEXT: string = "18446744073709551615";
const STAT_SIGS: u64 = 0x7fffffff;      // /proc/PID/stat's signal fields: signals 1-31 (the thread's pending)

export function generate(p: Proc, node: u32, s: Seq): bool {
  const k = nodeKind(node);
  if (k == PNode.meminfo) meminfo(s);
  else if (k == PNode.vmstat) vmstat(s);
  else if (k == PNode.stat) cpuStat(s);
  else if (k == PNode.uptime) uptime(s);
  else if (k == PNode.loadavg) loadavg(s);
  else if (k == PNode.version) seqStr(s, "Linux version 0.1.0-wasmos (wasmos@wasmos) (AssemblyScript) #1 wasmos\n");
  else if (k == PNode.leaseBreakTime) { seqNum(s, leaseBreakTime()); seqChar(s, 0x0a); }
  else {
    const t = procByPid(nodePid(node));
    if (!t) return false;
    if (k == PNode.pidStatus) status(t, s);
    else if (k == PNode.pidStat) pidStat(t, s);
    else if (k == PNode.pidCmdline) cmdline(t, s);
    else if (k == PNode.pidMaps) maps(t, s);
    else if (k == PNode.pidWchan) seqStr(s, wchanName(wchanOf(t)));
  }
  return true;
}

// --- memory: one pass over the frame table

@unmanaged class MemCounts {
  buffers: u32;     // page-cache pages of no file (file-system metadata)
  dirty: u32;
  writeback: u32;
  mapped: u32;      // page-cache pages mapped by a process
  mlocked: u32;     // present pages of locked regions
}
const mc = changetype<MemCounts>(memory.data(offsetof<MemCounts>()));

function memCounts(): void {
  mc.buffers = 0; mc.dirty = 0; mc.writeback = 0; mc.mapped = 0; mc.mlocked = 0;
  const n = nframes();
  for (let pfn: u32 = 0; pfn < n; pfn++) {
    const f = frame(pfn);
    if (f.owner != Owner.pagecache) continue;
    if (f.data == 0) mc.buffers++;
    if (f.flags & FrameFlag.dirty) mc.dirty++;
    if (f.flags & FrameFlag.writeback) mc.writeback++;
    if (f.mapcount > 0) mc.mapped++;
  }
  for (let i = 0; i < procSlots(); i++) {
    const t = procAt(i);
    if (t && t.state != UNUSED && t.state != ZOMBIE && t.pgdir != 0) mc.mlocked += rss(t, true);
  }
}

function meminfo(s: Seq): void {
  memCounts();
  const free = <u64>ownerCount(Owner.free), cache = <u64>ownerCount(Owner.pagecache);
  const slab = <u64>ownerCount(Owner.pipe) + <u64>ownerCount(Owner.socket);
  const reclaimable = cache - <u64>mc.dirty - <u64>mc.mapped - <u64>mc.writeback;
  seqKb(s, "MemTotal", nframes());
  seqKb(s, "MemFree", free);
  seqKb(s, "MemAvailable", free + reclaimable);
  seqKb(s, "Buffers", mc.buffers);
  seqKb(s, "Cached", cache - <u64>mc.buffers);
  seqKb(s, "SwapCached", 0);
  seqKb(s, "Unevictable", mc.mlocked);
  seqKb(s, "Mlocked", mc.mlocked);
  seqKb(s, "SwapTotal", 0);
  seqKb(s, "SwapFree", 0);
  seqKb(s, "Dirty", mc.dirty);
  seqKb(s, "Writeback", mc.writeback);
  seqKb(s, "AnonPages", ownerCount(Owner.anon));
  seqKb(s, "Mapped", mc.mapped);
  seqKb(s, "Shmem", 0);
  seqKb(s, "KReclaimable", 0);
  seqKb(s, "Slab", slab);
  seqKb(s, "SReclaimable", 0);
  seqKb(s, "SUnreclaim", slab);
  seqKb(s, "KernelStack", 0);
  seqKb(s, "PageTables", ownerCount(Owner.pagetable));
  seqKb(s, "KernelTotal", ownerCount(Owner.kernel));
}

function line(s: Seq, name: string, v: u64): void { seqStr(s, name); seqChar(s, 0x20); seqNum(s, v); seqChar(s, 0x0a); }

function vmstat(s: Seq): void {
  memCounts();
  line(s, "nr_free_pages", ownerCount(Owner.free));
  line(s, "nr_anon_pages", ownerCount(Owner.anon));
  line(s, "nr_mapped", mc.mapped);
  line(s, "nr_file_pages", ownerCount(Owner.pagecache));
  line(s, "nr_dirty", mc.dirty);
  line(s, "nr_writeback", mc.writeback);
  line(s, "nr_page_table_pages", ownerCount(Owner.pagetable));
  line(s, "nr_mlock", mc.mlocked);
  line(s, "pgpgin", statGet(Stat.pcMisses) * KB_PER_PAGE);
  line(s, "pgpgout", statGet(Stat.pcWrittenBack) * KB_PER_PAGE);
  line(s, "pswpin", 0);
  line(s, "pswpout", 0);
  line(s, "pgfault", statGet(Stat.faultMinor) + statGet(Stat.faultMajor) + statGet(Stat.faultCow));
  line(s, "pgmajfault", statGet(Stat.faultMajor));
  line(s, "pgsteal_direct", statGet(Stat.pcEvicted));
}

// --- time and the scheduler

function idleNs(): u64 {
  const busy = statGet(Stat.userTimeNs) + statGet(Stat.systemTimeNs);
  const now = clockNow();
  return now > busy ? now - busy : 0;
}

function cpuLine(s: Seq, name: string): void {
  seqStr(s, name);
  seqChar(s, 0x20); seqNum(s, statGet(Stat.userTimeNs) / NS_PER_TICK);
  seqStr(s, " 0 "); seqNum(s, statGet(Stat.systemTimeNs) / NS_PER_TICK);
  seqChar(s, 0x20); seqNum(s, idleNs() / NS_PER_TICK);
  seqStr(s, " 0 0 0 0 0 0\n");
}

function cpuStat(s: Seq): void {
  cpuLine(s, "cpu ");
  cpuLine(s, "cpu0");
  line(s, "intr", statGet(Stat.irqs));
  line(s, "ctxt", statGet(Stat.processSwitches));
  line(s, "btime", 0);
  line(s, "processes", lastPid());
  line(s, "procs_running", procCounts(true));
  line(s, "procs_blocked", 0);
}

function uptime(s: Seq): void {
  seqFrac(s, clockNow(), NS_PER_SEC); seqChar(s, 0x20);
  seqFrac(s, idleNs(), NS_PER_SEC); seqChar(s, 0x0a);
}

function loadavg(s: Seq): void {
  loadTick(clockNow());
  for (let i = 0; i < 3; i++) { seqFrac(s, loadAvg(i) + FIXED_1 / 200, FIXED_1); seqChar(s, 0x20); }
  seqNum(s, procCounts(true)); seqChar(s, 0x2f); seqNum(s, procCounts(false));
  seqChar(s, 0x20); seqNum(s, lastPid()); seqChar(s, 0x0a);
}

// --- a process

// Present pages of t's regions (only the locked ones if `locked`); owner filters when >= 0.
function rss(t: Proc, locked: bool, owner: i32 = -1): u32 {
  let n: u32 = 0;
  for (let i: u32 = 0; i < t.nvma; i++) {
    const v = vmaAt(t, i);
    if (locked && !(v.flags & VM_LOCKED)) continue;
    for (let a = <u64>v.start; a < <u64>v.end; a += PAGE_SIZE) {
      const pte = walk(t.pgdir, <u32>a, false);
      if (pte == 0) { a |= (1 << 22) - 1; a -= PAGE_SIZE - 1; continue; }   // no page table: skip its 4 MiB
      const e = load<u32>(pte);
      if (!(e & PTE_P)) continue;
      if (owner < 0 || <i32>frame(ptePfn(e)).owner == owner) n++;
    }
  }
  return n;
}

function vmPages(t: Proc, kind: i64, locked: bool): u64 {
  let n: u64 = 0;
  for (let i: u32 = 0; i < t.nvma; i++) {
    const v = vmaAt(t, i);
    if (kind >= 0 && <i64>v.kind != kind) continue;
    if (locked && !(v.flags & VM_LOCKED)) continue;
    n += <u64>((v.end - v.start) >>> PAGE_SHIFT);
  }
  return n;
}

function stateText(t: Proc): string {
  if (t.state == ZOMBIE) return "Z (zombie)";
  if (t.state == SLEEPING) return "S (sleeping)";
  return "R (running)";
}

function field(s: Seq, name: string, v: u64): void { seqStr(s, name); seqChar(s, 0x3a); seqChar(s, 0x09); seqNum(s, v); seqChar(s, 0x0a); }
function kbField(s: Seq, name: string, pages: u64): void {
  seqStr(s, name); seqStr(s, ":\t"); seqPad(s, pages * KB_PER_PAGE, 8); seqStr(s, " kB\n");
}

// The program's name (names.ts commOf: Linux's comm).
function comm(t: Proc, s: Seq): void {
  const n = commOf(t);
  for (let i = 0; i < n; i++) seqChar(s, load<u8>(nameBuf() + i));
}

// Four octal digits, as status's Umask line.
function octal4(s: Seq, v: u32): void {
  for (let shift = 9; shift >= 0; shift -= 3) seqChar(s, <u8>(0x30 + ((v >> <u32>shift) & 7)));
}

function status(t: Proc, s: Seq): void {
  seqStr(s, "Name:\t"); comm(t, s); seqChar(s, 0x0a);
  seqStr(s, "Umask:\t"); octal4(s, t.umask); seqStr(s, "\nState:\t"); seqStr(s, stateText(t)); seqChar(s, 0x0a);
  field(s, "Tgid", t.pid); seqStr(s, "Ngid:\t0\n"); field(s, "Pid", t.pid); field(s, "PPid", t.ppid);
  seqStr(s, "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
  field(s, "FDSize", NOFILE);
  seqStr(s, "Groups:\t\n");
  if (t.pgdir != 0) {
    kbField(s, "VmSize", vmPages(t, -1, false));
    kbField(s, "VmLck", vmPages(t, -1, true));
    kbField(s, "VmRSS", rss(t, false));
    kbField(s, "RssAnon", rss(t, false, Owner.anon));
    kbField(s, "RssFile", rss(t, false, Owner.pagecache));
    kbField(s, "VmData", vmPages(t, VMA_HEAP, false) + vmPages(t, VMA_ANON, false));
    kbField(s, "VmStk", vmPages(t, VMA_ARGS, false));
  }
  seqStr(s, "Threads:\t1\n");
  sigLines(s, t);
}

// The signals queued for the user and their limit (SigQ); the signal masks, 16 hex digits each (bit sig-1): pending to the thread (tkill, tgkill) and to
// the process (kill), blocked, ignored, caught (a handler).
function sigLines(s: Seq, t: Proc): void {
  const pnd = t.sigPending & t.sigTkill;
  seqStr(s, "SigQ:\t"); seqNum(s, queued()); seqChar(s, 0x2f); seqNum(s, sigpendingMax()); seqChar(s, 0x0a);
  sigMask(s, "SigPnd", pnd); sigMask(s, "ShdPnd", t.sigPending & ~pnd); sigMask(s, "SigBlk", t.sigBlocked);
  sigMask(s, "SigIgn", actions(t, true)); sigMask(s, "SigCgt", actions(t, false));
}
// SigQ's first figure: signals pending for the user (every process here is root's), one for each
// pending standard signal, as Linux counts its queue entries.
function queued(): u64 {
  let n: u64 = 0;
  for (let i = 0; i < procSlots(); i++) {
    const t = procAt(i);
    if (t && t.state != UNUSED && t.state != ZOMBIE) n += popcnt<u64>(t.sigPending);
  }
  return n;
}
function sigMask(s: Seq, name: string, v: u64): void { seqStr(s, name); seqStr(s, ":\t"); seqHex(s, v, 16); seqChar(s, 0x0a); }

// The signals whose action is SIG_IGN (`ign`), or a handler of the guest's.
function actions(t: Proc, ign: bool): u64 {
  let m: u64 = 0;
  for (let sig = 1; sig <= NSIG; sig++) {
    const h = actionAt(t, sig).handler;
    if (ign ? h == SIG_IGN : h != SIG_IGN && h != SIG_DFL) m |= (<u64>1) << <u64>(sig - 1);
  }
  return m;
}

// Linux's 52 fields of /proc/PID/stat, in order; what wasmos does not keep is 0.
function pidStat(t: Proc, s: Seq): void {
  seqNum(s, t.pid); seqStr(s, " ("); comm(t, s); seqStr(s, ") ");
  seqChar(s, stateText(t).charCodeAt(0));
  sp(s, t.ppid); sp(s, t.pgid); sp(s, t.sid);           // ppid pgrp session
  seqStr(s, " 0 -1 0 0 0 0 0");                          // tty_nr tpgid flags minflt cminflt majflt cmajflt
  sp(s, t.userNs / NS_PER_TICK); sp(s, t.sysNs / NS_PER_TICK);
  seqStr(s, " 0 0 20 0 1 0 0");                          // cutime cstime priority nice num_threads itrealvalue starttime
  sp(s, vmPages(t, -1, false) << PAGE_SHIFT); sp(s, t.pgdir != 0 ? rss(t, false) : 0);
  seqChar(s, 0x20); seqStr(s, RLIM_INFINITY_TEXT);
  seqStr(s, " 0 0");                                     // startcode endcode
  sp(s, t.pgdir != 0 ? ARG_BASE : 0);                    // startstack
  seqStr(s, " 0 0");                                     // kstkesp kstkeip
  sp(s, t.sigPending & t.sigTkill & STAT_SIGS); sp(s, t.sigBlocked & STAT_SIGS);   // signal blocked
  sp(s, actions(t, true) & STAT_SIGS); sp(s, actions(t, false) & STAT_SIGS);       // sigignore sigcatch
  seqStr(s, " 0 0 0");                                   // wchan nswap cnswap
  sp(s, SIGCHLD_NR);
  seqStr(s, " 0 0 0 0 0 0 0 0 0");                       // processor rt_priority policy blkio guest cguest start_data end_data start_brk
  sp(s, t.pgdir != 0 ? ARG_BASE : 0); sp(s, 0); sp(s, 0); sp(s, 0);   // arg_start arg_end env_start env_end
  sp(s, t.state == ZOMBIE ? <u64><u32>t.status : 0);
  seqChar(s, 0x0a);
}
function sp(s: Seq, v: u64): void { seqChar(s, 0x20); seqNum(s, v); }

// argv's strings, each ended by its NUL (Linux's cmdline); empty for a zombie.
function cmdline(t: Proc, s: Seq): void {
  for (let i: u32 = 0; ; i++) {
    const a = argPtr(t, i);
    if (a == 0) return;
    for (let j: u32 = 0; ; j++) {
      const ph = lookupPhys(t.pgdir, a + j);
      if (ph < 0) return;
      const c = load<u8>(<usize>ph);
      seqChar(s, c);
      if (c == 0) break;
    }
  }
}

const pathBuf: usize = memory.data(PATH_MAX);   // a file's path (maps and fdLinkText, one at a time)

// One line per region: start-end perms offset dev inode, then its name from column 73.
function maps(t: Proc, s: Seq): void {
  for (let i: u32 = 0; i < t.nvma; i++) {
    const v = vmaAt(t, i);
    const from = s.len;
    seqHex(s, v.start, 8); seqChar(s, 0x2d); seqHex(s, v.end, 8); seqChar(s, 0x20);
    seqChar(s, v.prot & PROT_READ ? 0x72 : 0x2d); seqChar(s, v.prot & PROT_WRITE ? 0x77 : 0x2d);
    seqChar(s, v.prot & PROT_EXEC ? 0x78 : 0x2d); seqChar(s, v.flags & MAP_SHARED_FLAG ? 0x73 : 0x70);
    seqChar(s, 0x20); seqHex(s, v.kind == VMA_FILE ? v.pgoff << PAGE_SHIFT : 0, 8);
    seqChar(s, 0x20); seqStr(s, v.kind == VMA_FILE ? FILE_DEV : "00:00");
    seqChar(s, 0x20); seqNum(s, v.kind == VMA_FILE ? v.file : 0);
    const n = regionName(v);
    if (n != 0) {
      seqChar(s, 0x20);
      while (s.len - from < MAPS_NAME_COL) seqChar(s, 0x20);
      seqBytes(s, pathBuf, <u32>n);
    }
    seqChar(s, 0x0a);
  }
}

// The region's name into pathBuf ([heap], [stack] for the argument block, a file's path); its length.
function regionName(v: Vma): i32 {
  if (v.kind == VMA_HEAP) return put("[heap]");
  if (v.kind == VMA_ARGS) return put("[stack]");
  if (v.kind == VMA_NETMAP) return put("/dev/netmap");
  if (v.kind == VMA_PKTPOOL) return put("[packet tx ring]");
  if (v.kind != VMA_FILE) return 0;
  const n = inodePath(v.file, pathBuf, PATH_MAX);
  return n > 0 ? n : put("(deleted)");
}

function put(t: string): i32 {
  for (let i = 0; i < t.length; i++) store<u8>(pathBuf + i, <u8>t.charCodeAt(i));
  return t.length;
}

// What an open file is, as readlink of /proc/PID/fd/N says: "pipe:[N]", "socket:[N]", "/dev/tty",
// a file's path, a pseudo file's path; into `buf` (PATH_MAX bytes), its length.
export function fdLinkText(fi: i32, buf: usize): i32 {
  const f = fileAt(fi);
  const o: Seq = changetype<Seq>(memory.data(offsetof<Seq>()));
  o.base = buf; o.len = 0; o.cap = <u32>PATH_MAX; o.skip = 0;
  if (f.type == FT_PIPE) { seqStr(o, "pipe:["); seqNum(o, f.pipe); seqChar(o, 0x5d); }
  else if (f.type == FT_SOCKET) { seqStr(o, "socket:["); seqNum(o, f.sock); seqChar(o, 0x5d); }
  else if (f.type == FT_CONSOLE) seqStr(o, "/dev/tty");
  else if (f.type == FT_PSEUDO) pseudoPath(o, f.ino);
  else if (f.type == FT_INODE) {
    const n = inodePath(f.ino, pathBuf, PATH_MAX);
    if (n > 0) seqBytes(o, pathBuf, <u32>n); else if (n == 0) seqChar(o, 0x2f); else seqStr(o, "(deleted)");
  } else seqStr(o, "anon_inode:[unknown]");
  return <i32>min(o.len, <u32>PATH_MAX);
}

// The path of a /proc or /dev node into `buf` (at most cap bytes); its length.
export function nodePathText(node: u32, buf: usize, cap: i32): i32 {
  const o: Seq = changetype<Seq>(memory.data(offsetof<Seq>()));
  o.base = buf; o.len = 0; o.cap = <u32>cap; o.skip = 0;
  pseudoPath(o, node);
  return <i32>min(o.len, <u32>cap);
}

function pseudoPath(o: Seq, node: u32): void {
  const k = nodeKind(node);
  if (k >= <u32>PNode.sysDir) {                                  // /proc/sys/...
    seqStr(o, "/proc/sys");
    if (k >= <u32>PNode.sysFs) seqStr(o, "/fs");
    if (k == PNode.leaseBreakTime) { seqChar(o, 0x2f); seqStr(o, kindName(k)); }
    return;
  }
  if (k >= <u32>PNode.devRoot) { seqStr(o, "/dev"); if (k != PNode.devRoot) { seqChar(o, 0x2f); seqStr(o, kindName(k)); } return; }
  seqStr(o, "/proc");
  if (k >= <u32>PNode.pidDir) { seqChar(o, 0x2f); seqNum(o, nodePid(node)); }
  if (k == PNode.fdLink) { seqStr(o, "/fd/"); seqNum(o, (node >>> 8) & 0xff); }
  else if (k != PNode.procRoot && k != PNode.pidDir) { seqChar(o, 0x2f); seqStr(o, kindName(k)); }
}
