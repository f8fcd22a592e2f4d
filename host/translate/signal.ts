// Signal delivery inside the guest: every kernel entry that returns to user code (kernel.syscall,
// kernel.wasi, kernel.preempt) becomes a call of the import followed by one load and branch on the
// kernel's SIGFLAG_ADDR word; when it is set, __wasmos_sigwork runs the handlers the kernel hands
// out (kernel/signal.ts draws the protocol), each through the guest's own function table
// (call_indirect: a handler is a function pointer, i.e. a table index), on the guest's own stack.
// An interrupted call the kernel wants restarted (SA_RESTART) is called again by the wrapper.
//
//   S(nr, a0..a5):                      the guest's calls of kernel.syscall now reach this
//     loop: r = kernel.syscall(nr, a0..a5)
//           if (load SIGFLAG_ADDR) { r = __wasmos_sigwork(r); if (r == SIG_RESTART_CALL) continue }
//     return r
//
// Cost with no signal pending: one i32 load and a branch per kernel entry. The added functions are
// put in after the access rewrite, so their load reads the kernel's word directly and they carry
// no budget ticks; asyncify instruments them like the rest (a handler may block).
// Interface: addSignalDelivery(module, preempt) (after replaceMemory; preempt: kernel.preempt's
// internal name).
import binaryen from "binaryen";
import { SIGFLAG_ADDR, SIGFRAME_VA } from "../../kernel/abi/layout";
import { SIG_RESTART_CALL, SIGENTER_SIGINFO, SIGENTER_SLOT_SHIFT, SIGINFO_SIZE } from "../../kernel/abi/signals";
import { KERNEL_MODULE, SIGNAL_ENTRIES, SIGWORK_NAME, WASI_BASE_NAME } from "./abi";
import { TranslateError } from "./types";

type Ref = binaryen.ExpressionRef;
const { i32, i64, none } = binaryen;
const SIG_BITS = 0xff, KIND_SHIFT = 8, HANDLER_SHIFT = 32;   // sigenter's packed answer

function kernelImport(module: binaryen.Module, base: string): binaryen.FunctionInfo | null {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (f.module === KERNEL_MODULE && f.base === base) return f;
  }
  return null;
}

function claim(module: binaryen.Module, name: string): void {
  if (module.getFunction(name)) throw new TranslateError(`the module already defines a function named ${name}`);
}

/** The import kernel.<base> under a name of ours, and the guest's name for it made a function. */
function reroute(module: binaryen.Module, f: binaryen.FunctionInfo): string {
  const real = `__wasmos_sig_kernel_${f.base}`;
  claim(module, real);
  module.removeFunction(f.name);
  module.addFunctionImport(real, KERNEL_MODULE, f.base!, f.params, f.results);
  return real;
}

const flagSet = (m: binaryen.Module): Ref => m.i32.load(SIGFLAG_ADDR, 4, m.i32.const(0));

/** `loop { r = call; if (flag) { r = sigwork(r); if (r == RESTART) continue } } r` for an i64 or i32 r. */
function deliverAfter(m: binaryen.Module, call: Ref, type: binaryen.Type, r: number): Ref {
  const wide = type === i64;
  const toWork = wide ? m.local.get(r, i64) : m.i64.extend_s(m.local.get(r, i32));
  const back = (v: Ref) => (wide ? v : m.i32.wrap(v));
  const restart = wide ? m.i64.eq(m.local.get(r, i64), m.i64.const(BigInt(SIG_RESTART_CALL)))
    : m.i32.eq(m.local.get(r, i32), m.i32.const(SIG_RESTART_CALL));
  return m.block(null, [
    m.loop("again", m.block(null, [
      m.local.set(r, call),
      m.if(flagSet(m), m.block(null, [
        m.local.set(r, back(m.call(SIGWORK_NAME, [toWork], i64))),
        m.br("again", restart),
      ])),
    ])),
    m.local.get(r, type),
  ], type);
}

/** Replace the guest's kernel.<base> import with a function that delivers signals after it. */
function wrapEntry(module: binaryen.Module, base: string): void {
  const f = kernelImport(module, base);
  if (!f) return;
  const real = reroute(module, f);
  const params = binaryen.expandType(f.params);
  const args = params.map((t, k) => module.local.get(k, t));
  if (f.results === none) {
    const body = module.block(null, [
      module.call(real, args, none),
      module.if(flagSet(module), module.drop(module.call(SIGWORK_NAME, [module.i64.const(0n)], i64))),
    ]);
    module.addFunction(f.name, f.params, none, [], body);
    return;
  }
  const r = params.length;
  module.addFunction(f.name, f.params, f.results, [f.results], deliverAfter(module, module.call(real, args, f.results), f.results, r));
}

/** __wasmos_sigwork(r) -> r: run the handlers the kernel hands out, then the interrupted call's result. */
function addSigwork(module: binaryen.Module): void {
  const m = module, R = 0, MASK = 1, H = 2;
  const [sigmask, sigenter, sigreturn, sigresult] = SIGNAL_ENTRIES.map((b) => `__wasmos_sig_kernel_${b}`);
  m.addFunctionImport(sigmask, KERNEL_MODULE, "sigmask", none, i64);
  m.addFunctionImport(sigenter, KERNEL_MODULE, "sigenter", none, i64);
  m.addFunctionImport(sigreturn, KERNEL_MODULE, "sigreturn", i64, none);
  m.addFunctionImport(sigresult, KERNEL_MODULE, "sigresult", i64, i64);
  const h = () => m.local.get(H, i64);
  const sig = m.i32.wrap(m.i64.and(h(), m.i64.const(BigInt(SIG_BITS))));
  const body = m.block(null, [
    m.loop("next", m.block(null, [
      m.local.set(MASK, m.call(sigmask, [], i64)),
      m.local.set(H, m.call(sigenter, [], i64)),
      m.if(m.i64.ne(h(), m.i64.const(0n)), m.block(null, [
        m.local.set(R, m.call(sigresult, [m.local.get(R, i64)], i64)),
        handlerCall(m, sig, h),
        m.call(sigreturn, [m.local.get(MASK, i64)], none),
        m.br("next"),
      ])),
    ])),
    m.call(sigresult, [m.local.get(R, i64)], i64),
  ], i64);
  m.addFunction(SIGWORK_NAME, i64, i64, [i64, i64], body);
}

/** handler(sig) or, SA_SIGINFO, handler(sig, info, NULL) through table 0 (info: the slot of the
 *  signal-frame page the kernel wrote, or NULL); nothing without a table. */
function handlerCall(m: binaryen.Module, sig: Ref, h: () => Ref): Ref {
  if (m.getNumTables() === 0) return m.nop();
  const table = binaryen.getTableInfo(m.getTableByIndex(0)).name;
  const index = () => m.i32.wrap(m.i64.shr_u(h(), m.i64.const(BigInt(HANDLER_SHIFT))));
  const kind = m.i32.wrap(m.i64.and(m.i64.shr_u(h(), m.i64.const(BigInt(KIND_SHIFT))), m.i64.const(BigInt(SIG_BITS))));
  const sig2 = () => m.i32.wrap(m.i64.and(h(), m.i64.const(BigInt(SIG_BITS))));
  const slot = m.i32.wrap(m.i64.and(m.i64.shr_u(h(), m.i64.const(BigInt(SIGENTER_SLOT_SHIFT))), m.i64.const(BigInt(SIG_BITS))));
  const info = m.if(m.i32.eq(kind, m.i32.const(SIGENTER_SIGINFO)),
    m.i32.add(m.i32.const(SIGFRAME_VA | 0), m.i32.mul(slot, m.i32.const(SIGINFO_SIZE))), m.i32.const(0));
  return m.if(m.i32.eqz(m.i32.wrap(m.i64.and(m.i64.shr_u(h(), m.i64.const(BigInt(KIND_SHIFT))), m.i64.const(BigInt(SIG_BITS))))),
    m.call_indirect(table, index(), [sig], i32, none),
    m.call_indirect(table, index(), [sig2(), info, m.i32.const(0)], binaryen.createType([i32, i32, i32]), none));
}

export function addSignalDelivery(module: binaryen.Module): void {
  claim(module, SIGWORK_NAME);
  addSigwork(module);
  for (const base of ["syscall", WASI_BASE_NAME, "preempt"]) wrapEntry(module, base);
}
