// Layout checks, at compile time: every field the host reads (abi/records.ts, abi/trace.ts,
// abi/layout.ts) is where the kernel's class puts it, and every record fits the space reserved for
// it. A broken one stops the kernel build with an error naming the record and the field. Nothing
// here is compiled into kernel.wasm: each condition is a constant, and AssemblyScript drops the
// branch it does not take (and reports ERROR only in a branch it keeps).
// Interface: none (kernel/index.ts imports it for the checks).
import { FRAME_REC_SIZE, FRAME_REFCOUNT, FRAME_FLAGS, FRAME_OWNER, FRAME_DATA, FRAME_INDEX, FRAME_MAPCOUNT,
  VMA_START, VMA_END, VMA_PROT, VMA_FLAGS, VMA_KIND, VMA_INODE, PIPE_USED, PIPE_READERS, PIPE_WRITERS, PIPE_HEAD,
  PIPE_TAIL, PIPE_NSLOTS, PIPE_RING, PIPE_BYTES, SLOT_SIZE, SLOT_PFN, SLOT_OFF, SLOT_LEN, SLOT_FLAGS,
  ASYNCIFY_DATA_POS, ASYNCIFY_DATA_END, ASYNCIFY_HEADER_SIZE } from "./abi/records";
import { TRACE_REC_SIZE, TRACE_SEQ, TRACE_KIND, TRACE_PID, TRACE_CAUSE, TRACE_SUB, TRACE_TIME, TRACE_ARGS,
  TRACE_NARGS } from "./abi/trace";
import { PAGE_SIZE, TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_ADDEND, STATS_BASE, SYSSTATS_BASE, SYSSTAT_SIZE,
  KTABLES_BASE, Stat, SysStat } from "./abi/layout";
import { NSYSCALL } from "./abi/syscalls";
import { PROC_SIZE, FILE_SIZE, PATH_MAX, KSTACK_SIZE } from "./param";
import { Proc, FDS_OFF, VMA_SIZE, CWD_OFF } from "./proc";
import { Frame } from "./kalloc";
import { Vma } from "./vma";
import { Pipe, Slot, PIPE_REC } from "./pipe";
import { File } from "./file";
import { Sock, Frag, SOCK_SIZE, ACCQ, NFRAG } from "./net/sock";

// Process record: the fields, then fds, vmas, name and the working directory's path at fixed offsets.
if (offsetof<Proc>() > FDS_OFF) ERROR("Proc: its fields run past FDS_OFF (kernel/proc.ts)");
if (CWD_OFF + <usize>PATH_MAX > <usize>PROC_SIZE) ERROR("Proc: the record runs past PROC_SIZE");

// Frame record: the host reads it in place (host/inspect.ts frameInfo).
if (offsetof<Frame>() > <usize>FRAME_REC_SIZE) ERROR("Frame: does not fit FRAME_REC_SIZE");
if (offsetof<Frame>("refcount") != <usize>FRAME_REFCOUNT) ERROR("Frame.refcount is not at FRAME_REFCOUNT");
if (offsetof<Frame>("flags") != <usize>FRAME_FLAGS) ERROR("Frame.flags is not at FRAME_FLAGS");
if (offsetof<Frame>("owner") != <usize>FRAME_OWNER) ERROR("Frame.owner is not at FRAME_OWNER");
if (offsetof<Frame>("data") != <usize>FRAME_DATA) ERROR("Frame.data is not at FRAME_DATA");
if (offsetof<Frame>("index") != <usize>FRAME_INDEX) ERROR("Frame.index is not at FRAME_INDEX");
if (offsetof<Frame>("mapcount") != <usize>FRAME_MAPCOUNT) ERROR("Frame.mapcount is not at FRAME_MAPCOUNT");

// Mapped region (vmaField).
if (offsetof<Vma>() > VMA_SIZE) ERROR("Vma: does not fit VMA_SIZE (kernel/proc.ts)");
if (offsetof<Vma>("start") != <usize>VMA_START) ERROR("Vma.start is not at VMA_START");
if (offsetof<Vma>("end") != <usize>VMA_END) ERROR("Vma.end is not at VMA_END");
if (offsetof<Vma>("prot") != <usize>VMA_PROT) ERROR("Vma.prot is not at VMA_PROT");
if (offsetof<Vma>("flags") != <usize>VMA_FLAGS) ERROR("Vma.flags is not at VMA_FLAGS");
if (offsetof<Vma>("kind") != <usize>VMA_KIND) ERROR("Vma.kind is not at VMA_KIND");
if (offsetof<Vma>("file") != <usize>VMA_INODE) ERROR("Vma.file is not at VMA_INODE");

// Pipe and its slots (pipeField, pipeSlot); a ring of up to 256 slots fills one frame.
if (offsetof<Pipe>() > PIPE_REC) ERROR("Pipe: does not fit PIPE_REC (kernel/pipe.ts)");
if (offsetof<Pipe>("used") != <usize>PIPE_USED) ERROR("Pipe.used is not at PIPE_USED");
if (offsetof<Pipe>("readers") != <usize>PIPE_READERS) ERROR("Pipe.readers is not at PIPE_READERS");
if (offsetof<Pipe>("writers") != <usize>PIPE_WRITERS) ERROR("Pipe.writers is not at PIPE_WRITERS");
if (offsetof<Pipe>("head") != <usize>PIPE_HEAD) ERROR("Pipe.head is not at PIPE_HEAD");
if (offsetof<Pipe>("tail") != <usize>PIPE_TAIL) ERROR("Pipe.tail is not at PIPE_TAIL");
if (offsetof<Pipe>("nslots") != <usize>PIPE_NSLOTS) ERROR("Pipe.nslots is not at PIPE_NSLOTS");
if (offsetof<Pipe>("slots") != <usize>PIPE_RING) ERROR("Pipe.slots is not at PIPE_RING");
if (offsetof<Pipe>("bytes") != <usize>PIPE_BYTES) ERROR("Pipe.bytes is not at PIPE_BYTES");
if (offsetof<Slot>() != <usize>SLOT_SIZE) ERROR("Slot: is not SLOT_SIZE bytes");
if (256 * SLOT_SIZE > PAGE_SIZE) ERROR("Slot: 256 slots do not fit a frame");
if (offsetof<Slot>("pfn") != <usize>SLOT_PFN) ERROR("Slot.pfn is not at SLOT_PFN");
if (offsetof<Slot>("off") != <usize>SLOT_OFF) ERROR("Slot.off is not at SLOT_OFF");
if (offsetof<Slot>("len") != <usize>SLOT_LEN) ERROR("Slot.len is not at SLOT_LEN");
if (offsetof<Slot>("flags") != <usize>SLOT_FLAGS) ERROR("Slot.flags is not at SLOT_FLAGS");

// Open file, socket and its queue fragments (kernel-only, in reserved slots).
if (offsetof<File>() > <usize>FILE_SIZE) ERROR("File: does not fit FILE_SIZE (kernel/param.ts)");
if (offsetof<Sock>() > ACCQ) ERROR("Sock: its fields run past its accept ring ACCQ (kernel/net/sock.ts)");
if (ACCQ + 16 > SOCK_SIZE) ERROR("Sock: the accept ring runs past SOCK_SIZE");
if (offsetof<Frag>() > 16) ERROR("Frag: is more than the 16 bytes sfrag/rfrag step by");
if (NFRAG * 16 > <u32>PAGE_SIZE) ERROR("Frag: a ring of NFRAG fragments does not fit its frame");

// Trace record, TLB entry, counters, the asyncify header in a save area.
if (TRACE_SEQ != 0 || TRACE_SEQ + 4 > TRACE_KIND || TRACE_KIND + 2 > TRACE_PID || TRACE_PID + 2 > TRACE_CAUSE
  || TRACE_CAUSE + 4 > TRACE_SUB || TRACE_SUB + 4 > TRACE_TIME || TRACE_TIME + 8 > TRACE_ARGS) ERROR("trace record: its fields overlap");
if (TRACE_ARGS + 8 * TRACE_NARGS != TRACE_REC_SIZE) ERROR("trace record: TRACE_ARGS + 8 * TRACE_NARGS is not TRACE_REC_SIZE");
if (TLB_ADDEND + 4 > TLB_ENTRY_SIZE) ERROR("TLB entry: TLB_ADDEND runs past TLB_ENTRY_SIZE");
if (TLB_BASE + TLB_ENTRIES * TLB_ENTRY_SIZE > STATS_BASE) ERROR("TLB: runs into STATS_BASE");
if (STATS_BASE + 8 * Stat.COUNT > SYSSTATS_BASE) ERROR("Stat: the counters run into SYSSTATS_BASE");
if (8 * (SysStat.timeNs + 1) > SYSSTAT_SIZE) ERROR("SysStat: the counters run past SYSSTAT_SIZE");
if (SYSSTATS_BASE + NSYSCALL * SYSSTAT_SIZE > KTABLES_BASE) ERROR("SysStat: the table runs into KTABLES_BASE");
if (ASYNCIFY_DATA_POS + 4 > ASYNCIFY_DATA_END || ASYNCIFY_DATA_END + 4 > ASYNCIFY_HEADER_SIZE) ERROR("asyncify header: its fields overlap");
if (ASYNCIFY_HEADER_SIZE >= KSTACK_SIZE) ERROR("save area: KSTACK_SIZE leaves no room past the asyncify header");
