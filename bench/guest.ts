// Machines for the I/O benchmarks: a disk image of test files (dataBytes, so every byte is known),
// a machine that collects what its guests print, and one timed guest run.
// Interface: dataImage(files, slack, bins) -> image bytes; IoMachine.create(opts, cacheDir);
// ioMachine.run(name, argv) -> { ms, code, stdout, stdoutBytes } (timeRun; spawn is not timed);
// timeRun(machine) -> ms of run() up to the exit of its last process (not its file-system shutdown);
// guestBytes(name): a built program, a tool (dist/guests) or else a demo (dist/demos), as the CLI finds it.
import { existsSync, readFileSync } from "node:fs";
import { Machine, distPath, borrowingSink, type MachineOptions } from "../host/index";
import { mkfs, dataBytes } from "../host/fs";
import { ms } from "./stats";

/** ms of machine.run() until every process has exited and the devices have drained (a transfer's
 *  last bytes delivered). The clean shutdown of the file system that run() then does (every dirty
 *  page written back, the superblock marked clean) is not the program's work and is not timed. */
export async function timeRun(m: Machine): Promise<number> {
  let end = 0;
  const shutdown = m.shutdown;
  m.shutdown = () => { end ||= ms(); shutdown.call(m); };
  const t0 = ms();
  try { await m.run(); } finally { delete (m as { shutdown?: unknown }).shutdown; }
  return (end || ms()) - t0;
}

export const MiB = 1 << 20;

/** An image holding each file (path -> size in bytes) and each built program in `bins` as /bin/NAME,
 *  with `slack` bytes to spare. */
export function dataImage(files: Record<string, number>, slack = 16 * MiB, bins: string[] = []): Uint8Array {
  const list = [...Object.entries(files).map(([path, size]) => ({ path, data: dataBytes(size) })),
    ...bins.map((name) => ({ path: `/bin/${name}`, data: new Uint8Array(guestBytes(name)), mode: 0o755 }))];
  const total = list.reduce((n, f) => n + f.data.length, 0);
  return mkfs(total + slack, { files: list }).bytes;
}

export function guestBytes(name: string): Buffer {
  const tool = distPath(`guests/${name}.wasm`);
  return readFileSync(existsSync(tool) ? tool : distPath(`demos/${name}.wasm`));
}

export interface GuestRun { ms: number; code: number | null; stdout: string; stdoutBytes: number; stderr: string }

export class IoMachine {
  private text: string[] = [];
  private bytes = 0;
  private errText: string[] = [];
  private constructor(readonly m: Machine) {}

  /** A machine whose stdout is counted (and kept while short: a summary line), stderr kept (its first
   *  64 chunks). Both sinks borrow (host/sink.ts): only what they keep is copied, as a file's would. */
  static async create(opts: MachineOptions, cacheDir: string): Promise<IoMachine> {
    let io: IoMachine | null = null;
    const m = await Machine.create({ stdin: null, cacheDir, ...opts,
      stdout: borrowingSink((b) => { io!.bytes += b.length; if (io!.bytes < 4096) io!.text.push(Buffer.from(b).toString()); }),
      stderr: borrowingSink((b) => { if (io!.errText.length < 64) io!.errText.push(Buffer.from(b).toString()); }) });
    return (io = new IoMachine(m));
  }

  /** Spawn the program NAME (guestBytes; not timed), then time run() until every process has exited. */
  async run(name: string, argv: string[]): Promise<GuestRun> {
    this.text = []; this.bytes = 0; this.errText = [];
    const pid = await this.m.spawn(guestBytes(name), argv);
    const t = await timeRun(this.m);
    return { ms: t, code: this.m.exitOf(pid)?.code ?? null, stdout: this.text.join(""), stdoutBytes: this.bytes,
      stderr: this.errText.join("") };
  }

  /** The inode of a file on the guest file system (the host's exec path looks it up). */
  ino(path: string): number {
    const name = Buffer.from(path, "utf8");
    new Uint8Array(this.m.ram.buffer, this.m.k.stageAddr(), name.length).set(name);
    const r = this.m.k.execLookup(name.length);
    if (r < 0n) throw new Error(`${path}: lookup failed (${r})`);
    return Number(r);
  }
}
