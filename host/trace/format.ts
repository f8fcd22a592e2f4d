// Text and JSON Lines output of trace events.
// Text follows strace: syscall lines, `[pid N] ` prefixes when several processes run, `--- ... ---` for
// events outside syscalls, `+++ exited with 7 +++`; events inside a syscall or fault are indented under it.
// Interface: formatText(ev, {multiPid}) -> line or null, formatJsonl(ev) -> one JSON object.
import type { CopyEvent, TraceEvent } from "./events";
import { sigName } from "./args";
import { EPOLL_EVENTS, flagsText } from "./flags";
import { siginfoText } from "./sigargs";

export interface TextOptions { multiPid: boolean }

const INDENT = "    ";
const hex = (v: number) => "0x" + v.toString(16);

function placeText(place: string, addr: number): string {
  return place === "device" ? "device" : `${place} ${hex(addr)}`;
}

function copyText(e: CopyEvent): string {
  const what = e.agent === "dma" ? `dma ${e.routine}` : `copy cpu ${e.routine}`;
  return `${what} ${e.bytes} B ${placeText(e.from, e.src)} -> ${placeText(e.to, e.dst)}`;
}

/** The text of an event that may sit under a syscall: copy, fault, irq, tlb flush, sg, lease break. */
function childText(ev: TraceEvent): string | null {
  switch (ev.type) {
    case "copy": return copyText(ev);
    case "fault": return `fault ${ev.fault} ${hex(ev.va)} ${ev.write ? "write" : "read"}`;
    case "irq": return `irq ${ev.device}`;
    case "tlbflush": return `tlb flush (${ev.entries} entries)`;
    case "sg": return `sg frame ${hex(ev.frame)} offset ${ev.offset} ${ev.bytes} B`;
    case "lease": return `lease break: ${sigName(ev.sig)} to pid ${ev.holder} (inode ${ev.ino})`;
    case "epoll": {
      const list = ev.ready.map((r) => `${r.fd} ${flagsText(EPOLL_EVENTS, r.events)}`).join(", ");
      return `epoll ready ${ev.count}${list ? ": " + list : ""}${ev.count > ev.ready.length ? ", ..." : ""}`;
    }
    case "netmap": return `netmap ${ev.ring}sync ${ev.slots} slots ${ev.bytes} B`;
    case "pktpool": return `packet tx ring: ${ev.frames} frames ${ev.bytes} B`;
    default: return null;
  }
}

/** One line of strace-like text for an event. */
export function formatText(ev: TraceEvent, opts: TextOptions): string | null {
  const pre = opts.multiPid ? `[pid ${ev.pid}] ` : "";
  switch (ev.type) {
    case "syscall": case "unfinished": return pre + ev.text;
    case "switch": return `--- switch ${ev.from} -> ${ev.to} ---`;
    case "signal": {
      const addr = ev.addr === undefined ? "" : `, si_addr=${hex(ev.addr)}`;
      return `${pre}--- ${ev.name} {${siginfoText(ev.name, ev.sig, ev.code, ev.from, ev.fd)}${addr}} ---`;
    }
    case "hung": return `${pre}--- hung task: ${ev.syscall ? `in ${ev.syscall}(), ` : ""}wchan ${ev.wchan}: nothing can wake it ---`;
    case "exit":
      return pre + (ev.signal === undefined ? `+++ exited with ${ev.code} +++` : `+++ killed by ${sigName(ev.signal)} +++`);
    default: {
      const body = childText(ev);
      if (body === null) return null;
      return ev.depth > 0 ? INDENT.repeat(ev.depth) + body : `${pre}--- ${body} ---`;
    }
  }
}


/** One JSON object (no newline); bigints become numbers when exact, else decimal strings. */
export function formatJsonl(ev: TraceEvent): string {
  return JSON.stringify(ev, (_k, v: unknown) =>
    typeof v === "bigint" ? (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v);
}
