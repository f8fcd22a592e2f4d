// How strace shows signal arguments: sigset_t ([USR1 ALRM]), struct sigaction ({sa_handler=...,
// sa_mask=[...], sa_flags=SA_RESTART}), rt_sigprocmask's how, struct itimerval, and the siginfo
// of a delivery ({si_signo=SIGINT, si_code=SI_USER, si_pid=1, si_uid=0}).
// Interface: isigset, osigset, isigaction, osigaction, sigHow, iitimerval, oitimerval, siginfoText(name, sig, code, pid, fd?) (fd: a lease break's si_fd).
import { Sig, NSIG, SIGRTMIN, SIG_DFL, SIG_IGN, SA_HANDLER, SA_FLAGS, SA_MASK, SIGACTION_SIZE, SI_KERNEL, POLL_MSG,
  IT_INTERVAL, IT_VALUE, ITIMERVAL_SIZE } from "../../kernel/abi/signals";
import type { ArgSpec, ArgCtx } from "./args";
import { flagsText, enumText, SA_FLAG_SET, SIG_HOW, SI_CODES, CLD_CODES } from "./flags";

const u32 = (v: bigint) => Number(BigInt.asUintN(32, v));
const ptrText = (v: bigint) => (u32(v) === 0 ? "NULL" : "0x" + u32(v).toString(16));
const ok = (c: ArgCtx) => c.ret !== null && c.ret >= 0n;


/** [USR1 ALRM] as strace writes a set (names without "SIG"). */
function setText(m: bigint): string {
  const names: string[] = [];
  for (let s = 1; s <= NSIG; s++) {
    if (!((m >> BigInt(s - 1)) & 1n)) continue;
    names.push(Sig[s] ? Sig[s].slice(3) : s === SIGRTMIN ? "RTMIN" : `RT_${s - SIGRTMIN}`);
  }
  return `[${names.join(" ")}]`;
}

function u64At(c: ArgCtx, va: number): bigint | null {
  const b = c.mem.bytes(va, 8);
  return b ? new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true) : null;
}

const sigsetAt = (c: ArgCtx, v: bigint) => { const m = u32(v) === 0 ? null : u64At(c, u32(v)); return m === null ? ptrText(v) : setText(m); };
export const isigset: ArgSpec = { render: (c, v) => sigsetAt(c, v) };
export const osigset: ArgSpec = { out: true, render: (c, v) => (ok(c) ? sigsetAt(c, v) : ptrText(v)) };
export const sigHow: ArgSpec = { render: (_, v) => enumText(SIG_HOW, Number(BigInt.asIntN(32, v))) };

function handlerText(h: number): string {
  return h === SIG_DFL ? "SIG_DFL" : h === SIG_IGN ? "SIG_IGN" : "0x" + h.toString(16);
}

function actionAt(c: ArgCtx, v: bigint): string {
  const b = u32(v) === 0 ? null : c.mem.bytes(u32(v), SIGACTION_SIZE);
  if (!b) return ptrText(v);
  const d = new DataView(b.buffer, b.byteOffset, SIGACTION_SIZE);
  const flags = d.getUint32(SA_FLAGS, true);
  return `{sa_handler=${handlerText(d.getUint32(SA_HANDLER, true))}, sa_mask=${setText(d.getBigUint64(SA_MASK, true))}, ` +
    `sa_flags=${flagsText(SA_FLAG_SET, flags)}}`;
}
export const isigaction: ArgSpec = { render: (c, v) => actionAt(c, v) };
export const osigaction: ArgSpec = { out: true, render: (c, v) => (ok(c) ? actionAt(c, v) : ptrText(v)) };

function itimervalAt(c: ArgCtx, v: bigint): string {
  const b = u32(v) === 0 ? null : c.mem.bytes(u32(v), ITIMERVAL_SIZE);
  if (!b) return ptrText(v);
  const d = new DataView(b.buffer, b.byteOffset, ITIMERVAL_SIZE);
  const tv = (o: number) => `{tv_sec=${d.getBigInt64(o, true)}, tv_usec=${d.getBigInt64(o + 8, true)}}`;
  return `{it_interval=${tv(IT_INTERVAL)}, it_value=${tv(IT_VALUE)}}`;
}
export const iitimerval: ArgSpec = { render: (c, v) => itimervalAt(c, v) };
export const oitimerval: ArgSpec = { out: true, render: (c, v) => (ok(c) ? itimervalAt(c, v) : ptrText(v)) };


/** A delivery's siginfo as strace prints it (code undefined: only the signal is known). */
export function siginfoText(name: string, sig: number, code: number | undefined, pid: number | undefined, fd?: number): string {
  if (code === undefined) return `si_signo=${name}`;
  if (fd !== undefined) return `si_signo=${name}, si_code=${code === POLL_MSG ? "POLL_MSG" : String(code)}, si_fd=${fd}`;   // a lease break's
  const codeName = enumText(sig === Sig.SIGCHLD && code > 0 ? CLD_CODES : SI_CODES, code);
  const who = code === SI_KERNEL ? "" : `, si_pid=${pid ?? 0}, si_uid=0`;
  return `si_signo=${name}, si_code=${codeName}${who}`;
}
