// The console device: fd 1 and 2 of guests reach the host's streams; the host's stdin feeds the
// kernel's tty input ring (a console interrupt wakes blocked readers). Never prints by itself:
// output goes to the sinks it was constructed with.
// Interface: new Console(ram, kernel, {stdout, stderr, stdin}), write(fd, addr, len) (kernel import),
// pump() -> bool (moved input into the kernel), hasInputSource(), waitInput().
import type { KernelExports } from "./kernel";
import { TTY_BUF } from "../kernel/abi/layout";

export type Sink = (bytes: Uint8Array) => void;
export type InputSource = Uint8Array | NodeJS.ReadableStream | null;

export class Console {
  private pending: Uint8Array[] = [];
  private eof = false;
  private eofSent = false;
  private stream: NodeJS.ReadableStream | null = null;
  private listening = false;
  private wake: (() => void) | null = null;

  constructor(private ram: WebAssembly.Memory, private k: () => KernelExports,
              private out: { stdout: Sink; stderr: Sink }, stdin: InputSource) {
    if (stdin instanceof Uint8Array) { if (stdin.length > 0) this.pending.push(stdin); this.eof = true; }
    else if (stdin) this.stream = stdin;
    else this.eof = true;
  }

  write(fd: number, addr: number, len: number): void {
    const bytes = new Uint8Array(this.ram.buffer, addr, len).slice();
    (fd === 2 ? this.out.stderr : this.out.stdout)(bytes);
  }

  // Move buffered input into the kernel while a reader waits; true when anything changed.
  pump(): boolean {
    const k = this.k();
    let moved = false;
    while (this.pending.length > 0) {
      const chunk = this.pending[0];
      const n = Math.min(chunk.length, TTY_BUF);   // the most ttyInput takes at once
      new Uint8Array(this.ram.buffer, k.ttyStage(), n).set(chunk.subarray(0, n));
      const took = k.ttyInput(n);
      if (took === 0) break;
      moved = true;
      if (took === chunk.length) this.pending.shift(); else this.pending[0] = chunk.subarray(took);
    }
    if (this.pending.length === 0 && this.eof && !this.eofSent) { k.ttyEof(); this.eofSent = true; moved = true; }
    return moved;
  }

  // More input may still come (a stream not yet ended).
  hasInputSource(): boolean { return !this.eofSent; }

  waitInput(): Promise<void> {
    if (this.pending.length > 0 || this.eof) return Promise.resolve();
    this.listen();
    return new Promise((resolve) => { this.wake = resolve; });
  }

  private listen(): void {
    const s = this.stream;
    if (this.listening || !s) return;
    this.listening = true;
    s.on("data", (d: Buffer | string) => { if (d.length > 0) this.pending.push(typeof d === "string" ? Buffer.from(d) : d); this.kick(); });
    s.on("end", () => { this.eof = true; this.kick(); });
    s.on("error", () => { this.eof = true; this.kick(); });
    s.resume();
  }

  private kick(): void { const w = this.wake; this.wake = null; w?.(); }

  // Stop reading the host's stdin so Node can exit.
  close(): void { if (this.stream && this.listening) this.stream.pause(); }
}
