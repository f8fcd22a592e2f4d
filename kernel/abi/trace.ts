// Trace record layout and event kinds, shared by the kernel (writer) and the host (decoder).
// A record is TRACE_REC (80) bytes:
//   0 u32 seq      event number, from 1; causes refer to it
//   4 u16 kind     Ev below
//   6 u16 pid
//   8 u32 cause    seq of the syscall, fault or interrupt this happened in (0: none)
//  12 u32 sub      syscall nr / copy routine / fault kind / irq device
//  16 u64 time     virtual ns
//  24 u64 a[0..6]  arguments, by kind (below)
export enum Ev {
  sysEnter = 1,   // sub=nr, a0..a5 = args
  sysExit = 2,    // sub=nr, a0 = result (negative errno)
  copy = 3,       // sub=Routine, a0=src, a1=dst, a2=bytes, a3=srcKind | dstKind<<8, a4=agent (Agent)
  fault = 4,      // sub=FaultKind, a0=va, a1=write, a2=frame (pfn) or 0
  irq = 5,        // sub=device
  procSwitch = 6, // a0=from pid, a1=to pid
  tlbFlush = 7,   // a0=entries dropped (valid before the flush)
  signal = 8,     // sub=signal, a0=target pid
  exit = 9,       // a0=wait status
  sgHandoff = 10, // descriptors handed to a device: a0=frame, a1=offset, a2=bytes
  leaseBreak = 11, // an open or truncate breaks a file lease: sub=signal sent to the holder, a0=holder pid, a1=inode
  netmapSync = 12, // a netmap ring sync: sub = 0 TX / 1 RX, a0 = slots moved, a1 = their bytes
  epollReady = 13, // an epoll wait returns: sub=epfd, a0=events returned, a1..a6 = fd | events << 32 of the first six
  pktpoolSend = 14, // a packet ring's send(): a0 = frames handed to the NIC, a1 = their bytes
  ttySignal = 15, // the terminal's INTR/QUIT/SUSP: sub=signal, a0=foreground group, a1=processes signalled
  hungTask = 16,  // nothing can wake this sleeper (the run loop's deadlock): sub=Wchan (abi/records.ts), a0=pid, a1=syscall it sleeps in (-1: none)
}

export enum Agent { cpu = 0, dma = 1 }

// Kernel routines that move data (copy events' sub).
export enum Routine {
  copy_to_user = 1,
  copy_from_user = 2,
  exec_load = 3,      // loader copying a program's data into its address space
  cow_copy = 4,       // copy-on-write fault copying a page
  tty_write = 5,
  tty_read = 6,
  memmove_user = 7,   // memory.copy inside one address space (guest memcpy done by the kernel)
  disk_dma = 8,
  nic_dma = 9,
  pagecache_copy = 10,
  strncpy_from_user = 11,  // a path name or an execve argument string fetched from user memory
  tty_input = 12,          // console input moved from the device into the tty ring (an interrupt)
  proc_read = 14,          // a /proc file's text, made in a kernel buffer, read by the process
  dev_read = 15,           // a /dev device's bytes (zeros, random) read by the process
  tty_echo = 13,           // the line discipline's echo of typed input, into the tty buffer
}

// Where a copy's source or destination lies (a3's bytes).
export enum Place { user = 1, frame = 2, device = 3, kernel = 4 }

export enum FaultKind { minor = 1, major = 2, cow = 3, segv = 4, sigbus = 5 }

export const TRACE_REC_SIZE = 80;
export const TRACE_SEQ = 0;       // u32
export const TRACE_KIND = 4;      // u16 Ev
export const TRACE_PID = 6;       // u16
export const TRACE_CAUSE = 8;     // u32
export const TRACE_SUB = 12;      // u32
export const TRACE_TIME = 16;     // u64
export const TRACE_ARGS = 24;     // u64 a[TRACE_NARGS]
export const TRACE_NARGS = 7;

// Trace classes the host can enable (bit mask).
export enum TraceClass { syscall = 1, copy = 2, fault = 4, irq = 8, sched = 16, all = 31 }
