// Public trace event types: what the Tracer emits and the formatters print. A union on `type`.
// Every event has seq (the kernel's event number), pid and time (virtual ns). Events that happen inside
// a syscall or a fault carry `cause` (its seq) and `depth` (0: top level, 1: under a syscall or fault,
// 2: under a fault under a syscall), which the text format turns into indentation.

export type AgentName = "cpu" | "dma";
export type PlaceName = "user" | "frame" | "device" | "kernel" | "unknown";
export type FaultName = "minor" | "major" | "cow" | "segv" | "sigbus";

interface Base { seq: number; pid: number; time: bigint }
interface Child extends Base { cause: number; depth: number }

/** One completed syscall (or one that never returned: exit_group, ret null, shown `= ?`). */
export interface SyscallEvent extends Base {
  type: "syscall";
  nr: number;
  name: string;        // Sys name, or "syscall_0x1f3"
  args: bigint[];      // the raw argument registers: six for a Linux call, seven for a WASI one
  ret: bigint | null;  // raw result (negative errno), null when it never returned
  errno?: string;      // "EBADF" when ret is an error
  text: string;        // the strace line without pid prefix
  durNs: number;       // virtual ns from entry to exit
  resumed?: boolean;   // an `unfinished` event came first; text is the `<... name resumed>` line
}

/** strace's `read(0,  <unfinished ...>`: the syscall blocked while another process ran. */
export interface UnfinishedEvent extends Base { type: "unfinished"; nr: number; name: string; text: string }

export interface CopyEvent extends Child {
  type: "copy";
  causeName: string;   // syscall name, "fault", "irq", "none" (cause 0) or "unknown"
  agent: AgentName;
  routine: string;     // Routine name
  bytes: number;
  src: number;
  dst: number;
  from: PlaceName;
  to: PlaceName;
}

export interface FaultEvent extends Child { type: "fault"; fault: FaultName; va: number; write: boolean }
export interface IrqEvent extends Child { type: "irq"; device: number }
export interface SwitchEvent extends Base { type: "switch"; from: number; to: number }
export interface TlbFlushEvent extends Child { type: "tlbflush"; entries: number }
/** A signal delivered to `pid` (a handler run or a default action taken); addr is the faulting
 *  address for SIGSEGV/SIGBUS when known; code (si_code) and from (si_pid) when the kernel sent it. */
export interface SignalEvent extends Base { type: "signal"; sig: number; name: string; addr?: number; code?: number; from?: number; fd?: number }
/** An open breaking a file lease (kernel/lease.ts): signal `sig` sent to the holder `holder`, of inode `ino`. */
export interface LeaseEvent extends Child { type: "lease"; sig: number; holder: number; ino: number }
/** Process exit with its wait status: `code` for a normal exit, `signal` when killed. */
export interface ExitEvent extends Base { type: "exit"; status: number; code?: number; signal?: number }
/** Scatter-gather descriptors handed to a device (zero-copy send). */
export interface SgEvent extends Child { type: "sg"; frame: number; offset: number; bytes: number }
/** An epoll wait returning `count` events; `ready` lists the first six (fd and EPOLL* bits). */
export interface EpollEvent extends Child { type: "epoll"; epfd: number; count: number; ready: { fd: number; events: number }[] }

/** A netmap ring sync (kernel/net/netmap.ts): `slots` slots of `bytes` bytes moved on the TX or RX ring. */
export interface NetmapEvent extends Child { type: "netmap"; ring: "tx" | "rx"; slots: number; bytes: number }

/** A packet socket's send() from its TX ring (kernel/net/pktpool.ts): `frames` frames of `bytes` bytes to the NIC. */
export interface PktpoolEvent extends Child { type: "pktpool"; frames: number; bytes: number }

/** A hung task (host/hung.ts): `pid` sleeps on `wchan` in `syscall` and nothing can wake it; it is killed next. */
export interface HungEvent extends Base { type: "hung"; wchan: string; syscall: string | null }

export type TraceEvent =
  | SyscallEvent | UnfinishedEvent | CopyEvent | FaultEvent | IrqEvent | SwitchEvent
  | TlbFlushEvent | SignalEvent | ExitEvent | SgEvent | EpollEvent | NetmapEvent | PktpoolEvent | HungEvent | LeaseEvent;

export type TraceEventType = TraceEvent["type"];
