// The host's standard streams, made only when used. Node makes process.stdin, stdout and stderr at
// their first read; for a pipe or a socket that loads net and the streams (milliseconds of
// start-up), so a run whose guest output all goes out with write(2) (host/sink.ts stdioSink) and
// whose input is never read makes none. This module watches Node's getters to know which exist.
// Interface: hostStream(fd) -> the stream (made now if it was not); hostStreamMade(fd) -> boolean;
// onHostStream(fd, f): f(stream) when it is made (at once if it is); isTerminal(fd) -> boolean.
import { fstatSync } from "node:fs";
import { isatty } from "node:tty";

type Fd = 0 | 1 | 2;
type Stream = NodeJS.ReadStream | NodeJS.WriteStream;
const NAMES = ["stdin", "stdout", "stderr"] as const;

const made = new Map<Fd, Stream>();
const waiting = new Map<Fd, ((s: Stream) => void)[]>();

// Each of process.stdin/stdout/stderr: Node's getter, wrapped to note the stream it makes.
for (const fd of [0, 1, 2] as Fd[]) {
  const d = Object.getOwnPropertyDescriptor(process, NAMES[fd]);
  if (!d?.get || !d.configurable) continue;
  const get = d.get;
  Object.defineProperty(process, NAMES[fd], { ...d, get: () => {
    const s = get.call(process) as Stream;
    if (!made.has(fd)) { made.set(fd, s); for (const f of waiting.get(fd) ?? []) f(s); waiting.delete(fd); }
    return s;
  } });
}

export function hostStream(fd: 0): NodeJS.ReadStream;
export function hostStream(fd: 1 | 2): NodeJS.WriteStream;
export function hostStream(fd: Fd): Stream { return process[NAMES[fd]]; }

export function hostStreamMade(fd: Fd): boolean { return made.has(fd); }

export function onHostStream(fd: Fd, f: (s: Stream) => void): void {
  const s = made.get(fd);
  if (s) f(s); else waiting.set(fd, [...(waiting.get(fd) ?? []), f]);
}

/** The descriptor is a terminal (told without making the stream; a file, pipe or socket is not). */
export function isTerminal(fd: Fd): boolean {
  try { return fstatSync(fd).isCharacterDevice() && isatty(fd); } catch { return false; }
}
