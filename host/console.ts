// The console device: fd 1 and 2 of guests reach the host's streams; the host's stdin feeds the
// kernel's tty input ring (a console interrupt wakes blocked readers). Never prints by itself:
// output goes to the sinks it was constructed with.
// With a terminal (`terminal` set: the CLI does so when its stdin is a TTY) the kernel's line
// discipline runs (kernel/tty.ts: echo, line editing, Ctrl-C as SIGINT to the foreground group):
// the host's TTY is put in raw mode so every keystroke reaches the guest, and back in its own mode
// on every way out (close(), the process's exit, SIGTERM, SIGHUP). Ctrl-C is a byte for the guest;
// it ends the machine (onInterrupt) only with killOnInterrupt, or when a second Ctrl-C comes within
// INTR_WINDOW_MS while the first is still unanswered (kernel ttyIntrUnanswered).
// Output is not copied for a sink that borrows (host/sink.ts): it reads the kernel's tty buffer
// in place; any other sink gets a copy of its own.
// Interface: new Console(ram, kernel, {stdout, stderr, stdin}, terminal?), attach() (after boot),
// write(fd, addr, len) (kernel import), pump() -> bool (moved input into the kernel),
// hasInputSource(), interactive(), waitInput(), close(); TerminalOptions, INTR_WINDOW_MS.
import type { KernelExports } from "./kernel";
import { TTY_BUF } from "../kernel/abi/layout";
import { CINTR, DEFAULT_ROWS, DEFAULT_COLS } from "../kernel/abi/termios";
import { borrows, type Sink } from "./sink";
import { nowMs } from "./clock";

export type { Sink } from "./sink";
/** Bytes, a stream, a function that makes the stream when the input is first read (the host's stdin:
 *  host/stdio.ts), or null (end of file at once). */
export type InputSource = Uint8Array | NodeJS.ReadableStream | (() => NodeJS.ReadableStream) | null;

/** A terminal behind the console. */
export interface TerminalOptions {
  rows?: number;                 // its size (default: the host's stdout when it is a TTY, else 24 x 80)
  cols?: number;
  killOnInterrupt?: boolean;     // the first Ctrl-C ends the machine (exit 130)
  onInterrupt?: () => void;      // Ctrl-C ends the machine: called once
}

/** A second Ctrl-C within this many ms of an unanswered first one ends the machine. */
export const INTR_WINDOW_MS = 1000;

export class Console {
  private pending: Uint8Array[] = [];
  private eof = false;
  private eofSent = false;
  private source: NodeJS.ReadableStream | (() => NodeJS.ReadableStream) | null = null;
  private resizing = false;          // listening to the host's stdout for its terminal's size
  private listening = false;
  private wake: (() => void) | null = null;
  private raw = false;               // we put the host's TTY in raw mode
  private lastIntr = -Infinity;      // nowMs() of the last Ctrl-C
  private interrupted = false;
  private readonly restore = () => this.setRaw(false);
  private readonly onSignal = (sig: NodeJS.Signals) => { this.close(); process.kill(process.pid, sig); };
  private readonly onResize = () => { const [c, r] = process.stdout.getWindowSize(); this.k().ttySetWinsize(r, c); };

  constructor(private ram: WebAssembly.Memory, private k: () => KernelExports,
              private out: { stdout: Sink; stderr: Sink }, stdin: InputSource,
              private terminal: TerminalOptions | null = null) {
    if (stdin instanceof Uint8Array) { if (stdin.length > 0) this.pending.push(stdin); this.eof = true; }
    else if (stdin) this.source = stdin;
    else this.eof = true;
  }

  // The input stream, made on first use when the source is a function.
  private get stream(): NodeJS.ReadableStream | null {
    if (typeof this.source === "function") this.source = this.source();
    return this.source;
  }

  // The kernel booted: tell it whether a terminal is behind the console, and start listening to it.
  attach(): void {
    const t = this.terminal;
    if (!t) return;
    const tty = process.stdout.isTTY ? process.stdout.getWindowSize() : [DEFAULT_COLS, DEFAULT_ROWS];
    this.k().ttySetTerminal(1, t.rows ?? tty[1], t.cols ?? tty[0]);
    if (t.rows === undefined && process.stdout.isTTY) { process.stdout.on("resize", this.onResize); this.resizing = true; }
    this.setRaw(true);
    this.listen();
  }

  write(fd: number, addr: number, len: number): void {
    const sink = fd === 2 ? this.out.stderr : this.out.stdout;
    const view = new Uint8Array(this.ram.buffer, addr, len);
    sink(borrows(sink) ? view : view.slice());
  }

  // Move buffered input into the kernel while a reader waits; true when anything changed.
  pump(): boolean {
    let moved = false;
    while (this.pending.length > 0 && !this.interrupted) {
      const chunk = this.pending[0];
      const n = this.feedLength(chunk);
      if (n === 0) { this.interrupt(); continue; }
      const took = this.feed(chunk.subarray(0, n));
      if (took === 0) break;
      moved = true;
      if (took === chunk.length) this.pending.shift(); else this.pending[0] = chunk.subarray(took);
    }
    if (this.pending.length === 0 && this.eof && !this.eofSent) { this.k().ttyEof(); this.eofSent = true; moved = true; }
    return moved;
  }

  // How much of `chunk` to give the kernel at once: up to a Ctrl-C (alone, once judged), at most
  // what ttyInput takes; 0: this Ctrl-C ends the machine.
  private feedLength(chunk: Uint8Array): number {
    const n = Math.min(chunk.length, TTY_BUF);
    if (!this.terminal) return n;
    const at = chunk.indexOf(CINTR);
    if (at !== 0) return at > 0 ? Math.min(at, n) : n;
    const now = nowMs();
    const second = now - this.lastIntr < INTR_WINDOW_MS && this.k().ttyIntrUnanswered() !== 0;
    this.lastIntr = now;
    return this.terminal.killOnInterrupt || second ? 0 : 1;
  }

  private feed(bytes: Uint8Array): number {
    const k = this.k();
    new Uint8Array(this.ram.buffer, k.ttyStage(), bytes.length).set(bytes);
    return k.ttyInput(bytes.length);
  }

  // Ctrl-C ends the machine: the rest of the input is dropped.
  private interrupt(): void {
    this.interrupted = true;
    this.pending = [];
    this.terminal?.onInterrupt?.();
  }

  // More input may still come (a stream not yet ended).
  hasInputSource(): boolean { return !this.eofSent && !this.interrupted; }

  // A terminal is behind the console: a keystroke (Ctrl-C) may wake anyone, reader or not.
  interactive(): boolean { return this.terminal !== null && this.source !== null; }

  waitInput(): Promise<void> {
    if (this.pending.length > 0 || this.eof) return Promise.resolve();
    this.listen();
    return new Promise((resolve) => { this.wake = resolve; });
  }

  private listen(): void {
    if (this.listening || !this.source) return;
    const s = this.stream!;
    this.listening = true;
    s.on("data", (d: Buffer | string) => { if (d.length > 0) this.pending.push(typeof d === "string" ? Buffer.from(d) : d); this.kick(); });
    s.on("end", () => { this.eof = true; this.kick(); });
    s.on("error", () => { this.eof = true; this.kick(); });
    s.resume();
  }

  private kick(): void { const w = this.wake; this.wake = null; w?.(); }

  // Raw mode on the host's TTY (when the input is one), with the ways out that must undo it.
  private setRaw(on: boolean): void {
    if (on === this.raw) return;
    const s = this.stream as NodeJS.ReadStream | null;
    if (!s?.isTTY) return;
    s.setRawMode(on);
    this.raw = on;
    if (on) {
      process.on("exit", this.restore);
      process.on("SIGTERM", this.onSignal);
      process.on("SIGHUP", this.onSignal);
    } else {
      process.off("exit", this.restore);
      process.off("SIGTERM", this.onSignal);
      process.off("SIGHUP", this.onSignal);
    }
  }

  // Stop reading the host's stdin so Node can exit; the host's TTY gets its own mode back.
  close(): void {
    this.setRaw(false);
    if (this.resizing) { process.stdout.off("resize", this.onResize); this.resizing = false; }
    if (this.listening) this.stream!.pause();
  }
}
