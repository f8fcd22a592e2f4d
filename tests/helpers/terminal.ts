// A machine with a terminal behind its console, driven by a test: keystrokes go in through a
// stream (as the host's raw TTY would give them), the console's output is kept apart by fd, so a
// test sees what the kernel echoed (stdout) and what a guest reported (stderr).
// Interface: openTerminal(guest, argv, opts) -> Term { m, pid, out(), err(), type(s), waitErr(s),
// waitOut(s), done }.
import { PassThrough } from "node:stream";
import { Machine, type MachineOptions } from "../../host/machine";

export interface Term {
  m: Machine;
  pid: number;
  out(): string;                            // fd 1 so far (echo and guests' stdout), latin1
  err(): string;                            // fd 2 so far
  type(s: string): void;                    // bytes typed at the terminal (latin1)
  end(): void;                              // the terminal goes away (end of input)
  waitErr(s: string, ms?: number): Promise<void>;   // until stderr holds s
  waitOut(s: string, ms?: number): Promise<void>;
  done: Promise<void>;                      // run() ended
}

export type TermOptions = Omit<MachineOptions, "stdout" | "stderr" | "stdin" | "terminal"> & {
  rows?: number; cols?: number; killOnInterrupt?: boolean;
};

/** Start `guest` (bytes, or a path on the guest disk) on a machine whose console is a terminal. */
export async function openTerminal(guest: Uint8Array | string, argv: string[], opts: TermOptions = {}): Promise<Term> {
  const input = new PassThrough();
  const out: Buffer[] = [], err: Buffer[] = [];
  const { rows = 30, cols = 100, killOnInterrupt, ...rest } = opts;
  const m = await Machine.create({ ramBytes: 32 << 20, net: null, ...rest, stdin: input,
    terminal: { rows, cols, killOnInterrupt },
    stdout: (b) => { out.push(Buffer.from(b)); }, stderr: (b) => { err.push(Buffer.from(b)); } });
  const pid = typeof guest === "string" ? await m.spawnPath(guest, argv) : await m.spawn(guest, argv);
  const text = (bs: Buffer[]) => Buffer.concat(bs).toString("latin1");
  const until = async (f: () => boolean, what: string, ms: number) => {
    for (const t0 = Date.now(); !f(); await new Promise((r) => setTimeout(r, 5))) {
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; stdout ${JSON.stringify(text(out))}, stderr ${JSON.stringify(text(err))}`);
    }
  };
  return {
    m, pid, out: () => text(out), err: () => text(err),
    type: (s) => { input.write(Buffer.from(s, "latin1")); },
    end: () => { input.end(); },
    waitErr: (s, ms = 10_000) => until(() => text(err).includes(s), JSON.stringify(s), ms),
    waitOut: (s, ms = 10_000) => until(() => text(out).includes(s), JSON.stringify(s), ms),
    done: m.run(),
  };
}
