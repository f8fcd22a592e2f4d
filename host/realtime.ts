// Real time: the rules by which the machine, which otherwise lives on its virtual clock alone, lets
// the world outside in. The outside is real network peers (hostfwd/guestfwd sockets behind the
// NIC's peer, host/net/) and the terminal (stdin as a stream); both live in wall-clock time.
//   1. Virtual first. With no real connection open (listeners alone do not count) the run loop
//      waits for the outside only when no process can run and no interrupt or timer is due, so
//      a run stays deterministic until it idles (a server waiting in accept).
//   2. Live. While a real connection is open (live()), the scheduler is not let idle the clock to
//      the next device interrupt, and Node's event loop gets a turn at least every YIELD_MS of
//      wall time between slices, even while guests compute (a reset of the real socket reaches a
//      guest that keeps sending). What a slice sent to real sockets leaves when it ends (sent()),
//      not after the interrupts and slices that follow it (a client waits on it).
//   3. Sleep in real time. Live, with nobody runnable and a sleeper's timer before any device
//      interrupt: wait for the timer in real time, or until a real socket stirs or the terminal
//      types, and move the virtual clock on by the time waited (at most to the timer), so a
//      program that polls with nanosleep gives its peer real time to answer. Device interrupts
//      stay virtual.
//   4. Wait for the outside. Nobody can run and no interrupt is due: wait for a real socket that
//      may still talk, for the terminal while a reader waits on it, whichever comes first. Neither
//      can come: nothing ever wakes anyone (the caller kills them: deadlock).
//   5. Linger. Everyone exited: while the kernel's connections still hold data for real peers (as
//      Linux keeps an orphaned socket sending), wait up to LINGER_MS of wall time for a peer to
//      stir; else run the kernel's timers on the virtual clock until none is left.
//   6. Deadline. A wall-clock bound (timeoutMs, `wasmos run --timeout`) is checked between slices
//      (expired()) and ends every wait here when it passes.
// Interface: new RealTime(kernel, net | null, input, timeoutMs?); start(), stop() (around run());
// expired(); live(); sent(), mustYield(live), yield() (rule 2); sleepReal(nextIrq) (3); outside() (4);
// linger(drain) (5); NEVER (the kernel's "no deadline").
import type { KernelExports } from "./kernel";
import { nowMs } from "./clock";

/** The network as real time sees it: the NIC (host/devices/nic.ts) and its peer's real sockets. */
export interface RealNet {
  connected(): boolean;                // a real connection is open
  pending(): boolean;                  // frames may still come with no guest action (real sockets)
  whenActivity(): Promise<void>;       // at once if an interrupt is due, else when a peer stirs
  whenPeerActivity(): Promise<void>;   // when a peer stirs
  uncork(): void;                      // send at once what real sockets were given
}

/** The terminal as real time sees it (host/console.ts). */
export interface RealInput {
  hasInputSource(): boolean;           // more input may still come
  waitInput(): Promise<void>;          // resolves when input (or its end) came
  interactive(): boolean;              // a terminal: a keystroke (Ctrl-C) may wake anyone
}

export const NEVER = 0xffffffffffffffffn;    // nextDeadline() with no timer
const LINGER_MS = 5000;      // wall time a finished machine waits for a real peer to stir
const YIELD_MS = 5;          // live, Node's event loop gets a turn at least this often

export class RealTime {
  private deadline = Infinity;               // nowMs() at which run() gives up
  private cutters: Set<() => void> | null = null;   // with a deadline: the waits it cuts short
  private hit = false;                       // the deadline's timer fired
  private timer: NodeJS.Timeout | undefined;
  private yielded = 0;                       // nowMs() of Node's event loop's last turn

  constructor(private k: KernelExports, private net: RealNet | null, private input: RealInput,
    private timeoutMs?: number) {}

  // run() begins: the deadline is armed.
  start(): void {
    if (this.timeoutMs !== undefined) {
      this.deadline = nowMs() + this.timeoutMs;
      this.hit = false;
      const cutters = this.cutters = new Set();
      this.timer = setTimeout(() => { this.hit = true; for (const cut of cutters) cut(); cutters.clear(); }, this.timeoutMs);
    }
    this.yielded = nowMs();
  }

  // run() ends.
  stop(): void { clearTimeout(this.timer); }

  // (hit: the deadline's timer fired, which libuv's coarser clock may do a fraction of a ms before
  // nowMs() reaches the deadline)
  expired(): boolean { return this.hit || (this.deadline !== Infinity && nowMs() >= this.deadline); }

  // A real connection is open: the world outside runs in real time.
  live(): boolean { return this.net?.connected() ?? false; }

  // Rule 2: a slice ended; what it sent to real sockets leaves now.
  sent(): void { this.net?.uncork(); }

  // Rule 2: after a slice begun live, is Node's event loop due a turn?
  mustYield(live: boolean): boolean { return live && nowMs() - this.yielded > YIELD_MS; }

  async yield(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.yielded = nowMs();
  }

  // Rule 3 (call it live, with nobody runnable): true when the clock moved on by a real wait;
  // false when the next event is not a sleeper's timer (the caller idles as usual).
  sleepReal(nextIrq: bigint | null): Promise<boolean | undefined> { return this.bounded(this.idleReal(nextIrq)); }

  // Rule 4: the wait for a real socket or the terminal, or null when neither can come.
  outside(): Promise<void | undefined> | null {
    const typing = this.typing();
    if (this.net?.pending()) {
      return this.bounded(typing ? Promise.race([this.net.whenActivity(), this.input.waitInput()]) : this.net.whenActivity());
    }
    return typing ? this.bounded(this.input.waitInput()) : null;
  }

  // Rule 5: drain() delivers the devices' interrupts in flight.
  linger(drain: () => void): Promise<void | undefined> { return this.bounded(this.lingerLoop(drain)); }

  private async idleReal(nextIrq: bigint | null): Promise<boolean> {
    const now = this.k.clockNowNs(), timer = BigInt.asUintN(64, this.k.nextDeadline());
    if (timer === NEVER || (nextIrq !== null && nextIrq <= timer)) return false;
    const t0 = nowMs();
    let handle: NodeJS.Timeout | undefined;
    const gapMs = Number(timer - now) / 1e6;
    const typing = this.typing();
    await Promise.race([this.net!.whenPeerActivity(), new Promise<void>((r) => { handle = setTimeout(r, gapMs); }),
      ...(typing ? [this.input.waitInput()] : [])]);
    clearTimeout(handle);
    const waited = BigInt(Math.round((nowMs() - t0) * 1e6));
    this.k.idleUntil(now + waited < timer ? now + waited : timer);
    this.yielded = nowMs();
    return true;
  }

  // Orphans whose peer never ends them end by their kernel timers, on the virtual clock.
  private async lingerLoop(drain: () => void): Promise<void> {
    for (;;) {
      drain();
      if (!this.net || this.k.netBusy() === 0) return;
      if (this.net.pending() && await this.peerStirs()) continue;
      const t = BigInt.asUintN(64, this.k.nextDeadline());
      if (t === NEVER) return;
      this.k.idleUntil(t);
      this.k.schedule(t);          // no process is left: this only runs the kernel's timers due at t
    }
  }

  // Does a real peer do something within LINGER_MS of wall time?
  private async peerStirs(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const quiet = new Promise<boolean>((res) => { timer = setTimeout(() => res(false), LINGER_MS); timer.unref?.(); });
    const woke = await Promise.race([this.net!.whenActivity().then(() => true), quiet]);
    clearTimeout(timer);
    return woke;
  }

  // A process waits on the terminal (or a terminal is there: Ctrl-C wakes anyone), and input may
  // still come.
  private typing(): boolean { return (this.k.ttyWaiting() > 0 || this.input.interactive()) && this.input.hasInputSource(); }

  // A wait that the deadline cuts short (the run loop then sees it has passed). Each wait leaves
  // the deadline's set when it ends: a race against one promise that stays pending would keep a
  // reaction for every wait of the run (a server under --timeout grew 1.7 KB per request).
  private bounded<T>(p: Promise<T>): Promise<T | undefined> {
    const cutters = this.cutters;
    if (!cutters) return p;
    if (this.hit || this.expired()) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      const cut = (): void => resolve(undefined);
      cutters.add(cut);
      p.then((v) => { cutters.delete(cut); resolve(v); }, (e: unknown) => { cutters.delete(cut); reject(e); });
    });
  }
}
