// Fixed addresses and record layouts shared by the kernel, the host and the guest translator.
// Physical addresses are offsets into the kernel's linear memory (physical RAM).
//
//   physical RAM
//   0x00000000 +----------------------------------+
//              | kernel image: code data, statics  |  (AssemblyScript static data, < KIMAGE_END)
//   0x00100000 +----------------------------------+ KIMAGE_END
//              | TLB  (TLB_ENTRIES x 16 bytes)     |  TLB_BASE
//   0x00110000 +----------------------------------+
//              | stats counters (u64 each)         |  STATS_BASE
//   0x00111000 +----------------------------------+
//              | per-syscall counters              |  SYSSTATS_BASE (NSYSCALL x SYSSTAT_SIZE)
//   0x00119000 +----------------------------------+
//              | open file table                   |  KTABLES_BASE
//              | exec staging buffer (64 KiB)      |
//              | trace ring                        |
//              | frame table (one record/frame)    |  size depends on RAM
//              +----------------------------------+ kernel end (page aligned)
//              | page frames: free, page tables,   |
//              | user pages, page cache, pipes ... |
//   RAM size   +----------------------------------+
//
// Guest virtual address space (per process, 32-bit):
//   0x00000000 .. brk          the wasm linear memory (data segments, heap); grows with memory.grow / brk
//   ...        .. MMAP_TOP     anonymous and file mappings, allocated top-down
//   SIGFRAME_VA                one page: SA_SIGINFO handlers' siginfo_t (mapped when first needed)
//   ARG_BASE   .. USER_TOP     argc, argv[], envp[] and their strings (read-only)
//   USER_TOP   .. 0xFFFFFFFF   kernel half: never user-accessible (SIGSEGV)

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 4096;
export const PAGE_MASK = ~(PAGE_SIZE - 1);   // the page part of an address (Linux's); offset_in_page is `va & ~PAGE_MASK`
export const WASM_PAGE = 65536;
export const PTES_PER_TABLE = PAGE_SIZE / 4;   // u32 entries in a page table or page directory (10 bits of va)

export const KIMAGE_END = 0x00100000;   // AssemblyScript static data must end below this

// TLB: direct-mapped, TLB_ENTRIES entries of { tagRead u32, tagWrite u32, addend u32, pad u32 }.
// A tag is the page address (va & ~0xfff) of a user page, or TLB_INVALID. An access of size n
// at va hits when entry[(va >>> 12) & (TLB_ENTRIES-1)].tag == ((va + n - 1) & ~0xfff);
// then the physical address is va + addend (wrapping 32-bit add). 4096 entries cover 16 MiB of
// distinct pages: an 8 MiB sieve's strided passes fit (256 entries took 596,000 misses a run).
export const TLB_BASE = 0x00100000;
export const TLB_ENTRIES = 4096;
export const TLB_ENTRY_SIZE = 16;
export const TLB_TAG_READ = 0;
export const TLB_TAG_WRITE = 4;
export const TLB_ADDEND = 8;
export const TLB_INVALID = 1;           // not page aligned: matches no access

export const STATS_BASE = 0x00110000;   // Stat offsets below, u64 each
export const SYSSTATS_BASE = 0x00111000;
// u32 in the stats page's last word: the running process has a signal its guest must take (a
// handler to run). The translated guest reads it after each kernel entry (kernel/signal.ts).
export const SIGFLAG_ADDR = SYSSTATS_BASE - 4;
export const SYSSTAT_SIZE = 64;          // 8 u64: SysStat offsets below
export const KTABLES_BASE = 0x00119000;   // the fixed tables boot.ts lays out

// Buffers the host fills in kernel memory: the exec staging buffer (stageAddr(): a program's bytes,
// an argument block, a path; console input goes there too, ttyStage()) and the console's rings.
export const STAGE_SIZE = 65536;         // exec staging buffer (host -> kernel bounce buffer)
export const TTY_BUF = PAGE_SIZE;        // console output buffer and input ring; ttyInput(n) takes at most this

// pcStats(field): what the page cache holds.
export enum PcStat { pages = 0, dirty = 1 }

export const USER_TOP = 0xc0000000;      // TASK_SIZE: first kernel address
export const ARG_BASE = 0xbfff0000;      // argument block (ARG_MAX 64 KiB)
export const ARG_MAX = 0x10000;
export const MMAP_TOP = 0xbff00000;      // mmap allocates downwards from here
// One page below the argument block where the kernel writes an SA_SIGINFO handler's siginfo_t
// (Linux puts it on the user stack, which the kernel cannot see here); mapped at the first such
// delivery, as an anonymous private region (signal.ts).
export const SIGFRAME_VA = ARG_BASE - PAGE_SIZE;

// Argument block at ARG_BASE (like Linux's initial stack):
//   u32 argc, u32 argv[argc], u32 0, u32 envp[n], u32 0, then the NUL-terminated strings.

// Stats: u64 counters at STATS_BASE + 8 * Stat.x. Always on.
export enum Stat {
  syscalls = 0,
  syscallErrors = 1,
  modeSwitches = 2,
  processSwitches = 3,
  irqs = 4,
  faultMinor = 5,
  faultMajor = 6,
  faultCow = 7,
  faultSegv = 8,
  faultSigbus = 9,
  tlbMisses = 10,
  tlbFlushes = 11,
  cpuCopies = 12,
  cpuCopyBytes = 13,
  dmaCopies = 14,
  dmaCopyBytes = 15,
  pcHits = 16,
  pcMisses = 17,
  pcDirtied = 18,
  pcWrittenBack = 19,
  pcEvicted = 20,
  framesTotal = 21,
  framesFree = 22,
  virtualTimeNs = 23,
  userTimeNs = 24,
  systemTimeNs = 25,
  traceDropped = 26,
  signalsSent = 27,       // signals generated (kill, tkill, the kernel's own: SIGPIPE, SIGCHLD, SIGALRM ...)
  signalsDelivered = 28,  // ... acted on: a handler run, a default action taken
  hungTaskReports = 29,   // processes reported hung: asleep with nothing that could wake them (kernel/wchan.ts)
  leaseBreaks = 30,       // file leases broken: the holder was sent its lease-break signal (kernel/lease.ts)
  leaseBreakTimeouts = 31, // ... and removed by force: the holder did not release within lease-break-time
  netmapTxSlots = 32,     // netmap TX slots handed to the NIC (kernel/net/netmap.ts)
  netmapRxSlots = 33,     // netmap RX slots given to the program
  netmapSyncs = 34,       // NIOCTXSYNC and NIOCRXSYNC calls that succeeded
  pktpoolSends = 35,      // packet-pool frames sent (reserved: the shared-pool send)
  COUNT = 36,
}

// Per-syscall counters: u64 at SYSSTATS_BASE + nr * SYSSTAT_SIZE + 8 * SysStat.x
export enum SysStat {
  calls = 0,
  errors = 1,
  modeSwitches = 2,
  cpuCopies = 3,
  cpuCopyBytes = 4,
  dmaCopies = 5,
  dmaCopyBytes = 6,
  timeNs = 7,
}

// Frame record flags (kernel/kalloc.ts FR_*); host/inspect.ts reads them.
export enum FrameFlag {
  dirty = 1,          // page-cache page differs from disk
  uptodate = 2,       // contents valid
  locked = 4,         // I/O in progress
  writeback = 8,      // being written to disk
  referenced = 16,    // used recently (LRU)
  pinned = 32,        // held for a device's DMA
}

// Flags of a pipe slot (kernel/pipe.ts Slot, Linux's pipe_buffer flags); host/inspect.ts names them.
export enum PipeSlotFlag {
  canMerge = 1,     // a page the pipe owns: later writes may append to it
  gift = 2,         // vmsplice with SPLICE_F_GIFT
}

// Frame owners (frame record `owner` field). meminfo sums frames by owner.
export enum Owner {
  free = 0,
  kernel = 1,       // kernel image, fixed tables, trace ring, frame records
  pagetable = 2,    // page directories and page tables
  anon = 3,         // user anonymous memory (heap, anonymous mmap)
  pagecache = 4,
  pipe = 5,
  socket = 6,
  proc = 7,         // process records and the process table's slot pages (kernel/proc.ts)
  kstack = 8,       // asyncify save areas of processes (kernel/proc.ts)
  epoll = 9,        // epoll interest lists (kernel/epoll.ts)
  netmap = 10,      // netmap's region: netmap_if, rings, packet buffers (kernel/net/netmap.ts)
  pktpool = 11,     // a shared packet pool's frames (reserved)
  COUNT = 12,
}
