// One syscall's strace line, built in two steps: enterCall decodes the input arguments at entry
// (user memory may change later), exitCall decodes the outputs with the result and writes the line.
// Interface: enterCall(nr, args, mem, strSize) -> Call, exitCall(call, ret, mem) -> CallText,
// unfinishedText(call), resultText(sig, ret) -> { text, errno? }.
import { MAX_ERRNO, ERESTARTSYS, ERESTARTNOHAND } from "../../kernel/abi/errno";
import { errnoName, errnoText } from "./errno-text";
import { hex, type ArgCtx } from "./args";
import { signatureOf, sysName, type Signature } from "./signatures";
import type { UserMem } from "./usermem";
import { wasiResultText } from "./wasi";
import { TRACE_NARGS } from "../../kernel/abi/trace";

export interface Call {
  nr: number;
  name: string;
  sig: Signature;
  args: bigint[];
  strSize: number;
  text: (string | null | undefined)[];   // rendered arguments; undefined: an output not yet known
  firstOut: number;                      // index of the first output argument (args.length: none)
}

export interface CallText { text: string; resumedText: string; errno?: string }

// A call a signal interrupted (kernel/signal.ts): strace's words for the kernel's internal codes.
const RESTART_TEXT: Record<number, string> = {
  [ERESTARTSYS]: "ERESTARTSYS (To be restarted if SA_RESTART is set)",
  [ERESTARTNOHAND]: "ERESTARTNOHAND (To be restarted if no handler)",
};
const MAX_ERRNO_N = BigInt(MAX_ERRNO);   // results in [-MAX_ERRNO, -1] are -errno, as in Linux
const LINUX_ARGS = 6;      // a Linux call's argument registers

export function enterCall(nr: number, rawArgs: bigint[], mem: UserMem, strSize: number): Call {
  const sig = signatureOf(nr);
  const n = sig.wasi ? TRACE_NARGS : LINUX_ARGS;    // a WASI record uses the seventh slot
  const args = Array.from({ length: n }, (_, i) => rawArgs[i] ?? 0n);   // a resumed call may have none
  const c: ArgCtx = { mem, args, ret: null, strSize };
  const text = sig.args.map((a, i) => (a.out ? undefined : a.render(c, args[i] ?? 0n)));
  const firstOut = sig.args.findIndex((a) => a.out);
  return { nr, name: sysName(nr), sig, args, strSize, text, firstOut: firstOut < 0 ? sig.args.length : firstOut };
}

const joinArgs = (t: (string | null | undefined)[]) => t.filter((s): s is string => s != null).join(", ");

/** `read(0,  <unfinished ...>`: the arguments known at entry. */
export function unfinishedText(call: Call): string {
  const head = joinArgs(call.text.slice(0, call.firstOut));
  const more = call.firstOut < call.text.length;
  return `${call.name}(${head}${more && head ? ", " : ""} <unfinished ...>`;
}

/** Decode the outputs with the result (null: never returned) and build the full and resumed lines. */
export function exitCall(call: Call, ret: bigint | null, mem: UserMem): CallText {
  const c: ArgCtx = { mem, args: call.args, ret, strSize: call.strSize };
  call.sig.args.forEach((a, i) => { if (a.out) call.text[i] = a.render(c, call.args[i] ?? 0n); });
  const res = resultText(call.sig, ret);
  const note = res.errno === undefined && ret !== null && call.sig.retNote ? call.sig.retNote(c) ?? "" : "";
  const tail = `) = ${res.text}${note}`;
  const rest = joinArgs(call.text.slice(call.firstOut));
  return {
    text: `${call.name}(${joinArgs(call.text)}${tail}`,
    resumedText: `<... ${call.name} resumed>${rest}${tail}`,
    errno: res.errno,
  };
}

/** `13`, `0x10000`, `-1 EBADF (Bad file descriptor)` or `?`; a WASI call's `0` or `8 (EBADF)`. */
export function resultText(sig: Signature, ret: bigint | null): { text: string; errno?: string } {
  if (ret === null) return { text: "?" };
  if (sig.wasi) return wasiResultText(ret);
  const restart = RESTART_TEXT[Number(-ret)];
  if (restart && ret < 0n) return { text: `? ${restart}`, errno: restart.split(" ")[0] };
  if (ret < 0n && ret >= -MAX_ERRNO_N) {
    const e = Number(-ret);
    return { text: `-1 ${errnoName(e)} (${errnoText(e)})`, errno: errnoName(e) };
  }
  return { text: sig.ret === "hex" ? hex(BigInt.asUintN(64, ret)) : sig.ret === "octal" ? "0" + ret.toString(8).padStart(2, "0") : String(ret) };
}
