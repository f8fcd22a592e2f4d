// Records in kernel memory that the host reads: the byte offset of each field it reads, and the
// values of the fields it names. The kernel's @unmanaged classes are the real layout; kernel/records.ts
// checks at compile time that every offset here is where the class puts that field, and that every
// record fits the space reserved for it, so the host (host/inspect.ts, host/trace/decode.ts,
// host/machine.ts) and the kernel cannot disagree. Other shared layouts: layout.ts (TLB entry,
// counters), trace.ts (trace record), virtio.ts (virtqueues).

// Frame record (kernel/kalloc.ts Frame): one per page frame, FRAME_REC_SIZE bytes each, from
// frameTableAddr(). flags are FrameFlag bits, owner an Owner (layout.ts).
export const FRAME_REC_SIZE = 32;
export const FRAME_REFCOUNT = 0;    // u32 references (mappings, page cache, pipes, sockets, DMA)
export const FRAME_FLAGS = 4;       // u16 FrameFlag
export const FRAME_OWNER = 6;       // u8 Owner
export const FRAME_DATA = 12;       // u32 owner-specific: pid (anonymous), inode (page cache)
export const FRAME_INDEX = 16;      // u32 page index in the file (page cache)
export const FRAME_MAPCOUNT = 28;   // u32 page tables mapping it
export const DETACHED: u32 = 0xffffffff;   // FRAME_DATA of a page-cache page taken out of the cache while
                                           // still held (kernel/pagecache.ts detach); never an inode

// Page-table entry bits (kernel/vm.ts PTE_*): the frame address in bits 31..12, flags below.
export enum Pte {
  present = 1,        // PTE_P
  writable = 2,       // PTE_W
  user = 4,           // PTE_U: user mode may access
  accessed = 0x20,    // PTE_A: set on a TLB fill
  dirty = 0x40,       // PTE_D: set on the first store
  cow = 0x200,        // PTE_COW (software): copy-on-write, write-protected until copied
}

// Process states (kernel/proc.ts Proc.state).
export enum ProcState { unused = 0, embryo = 1, runnable = 2, running = 3, sleeping = 4, zombie = 5 }

// Mapped region (kernel/vma.ts Vma), read through vmaField(pid, i, offset): u32 fields.
export const VMA_START = 0;
export const VMA_END = 4;
export const VMA_PROT = 8;          // PROT_READ | PROT_WRITE | PROT_EXEC
export const VMA_FLAGS = 12;
export const VMA_KIND = 16;         // VmaKind
export const VMA_INODE = 20;        // VmaKind.file: the inode mapped
export enum VmaKind {
  heap = 1,           // the wasm linear memory [0, brk)
  anon = 2,           // anonymous mmap
  args = 3,           // argument block
  file = 4,           // file mapping
  netmap = 5,         // netmap's region (/dev/netmap): kernel-owned frames, `file` is the region's generation
  pktpool = 6,        // a packet socket's PACKET_TX_RING: kernel-owned frames, `file` is the ring's generation
}

// Pipe (kernel/pipe.ts Pipe), read through pipeField(i, offset): u32 fields.
export const PIPE_USED = 0;
export const PIPE_READERS = 4;
export const PIPE_WRITERS = 8;
export const PIPE_HEAD = 12;        // next slot to fill (free running)
export const PIPE_TAIL = 16;        // next slot to read
export const PIPE_NSLOTS = 20;      // capacity in slots
export const PIPE_RING = 24;        // frame holding the slot ring
export const PIPE_BYTES = 28;       // bytes queued

// Pipe slot (kernel/pipe.ts Slot, Linux's pipe_buffer), SLOT_SIZE bytes in the pipe's ring frame,
// read through pipeSlot(i, k, offset): u32 fields.
export const SLOT_SIZE = 16;
export const SLOT_PFN = 0;
export const SLOT_OFF = 4;
export const SLOT_LEN = 8;
export const SLOT_FLAGS = 12;       // PipeSlotFlag (layout.ts)

// Asyncify's data header, at the start of the unwind window and of each process's save area
// (host/machine.ts): where the next frame goes, and the end of the area.
export const ASYNCIFY_DATA_POS = 0;   // u32 address
export const ASYNCIFY_DATA_END = 4;   // u32 address
export const ASYNCIFY_HEADER_SIZE = 8;

// What a sleeping process waits on: its wait channel in words (Linux's /proc/PID/wchan names the
// kernel function it sleeps in; these are those names). procWchan(pid) returns one; the hung-task
// report (host/hung.ts) and the trace's hung-task event (Ev.hungTask's sub) name it.
export enum Wchan {
  none = 0,                    // not sleeping: running, runnable or a zombie
  pipe_read = 1,               // read, readv, splice or tee from an empty pipe
  pipe_write = 2,              // write, writev, splice or vmsplice into a full pipe
  do_wait = 3,                 // wait4 for a child to change state
  inet_csk_accept = 4,         // accept on a listening socket with no connection queued
  sk_wait_data = 5,            // recv, read or splice from a socket with nothing queued
  sk_stream_wait_memory = 6,   // send, write, sendfile or splice to a socket whose buffer is full
  sk_stream_wait_connect = 7,  // connect waiting for the handshake
  n_tty_read = 8,              // read from the terminal
  sigsuspend = 9,              // rt_sigsuspend (pause): only a signal ends it
  do_sys_poll = 10,            // ppoll, pselect6, WASI's poll_oneoff
  ep_poll = 11,                // epoll_pwait
  hrtimer_nanosleep = 12,      // nanosleep: a timer ends it
  do_fork = 13,                // fork: the host is copying the process
  do_execve = 14,              // execve: the host is loading the program
  do_signal_stop = 15,         // stopped by a signal (SIGSTOP, SIGTSTP ...) until SIGCONT
  unknown = 16,                // some other channel
  break_lease = 17,            // open or truncate waiting for a file lease's holder to release it (__break_lease)
}
