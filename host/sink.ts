// Where a guest's console output goes: a sink is called with each chunk the kernel writes (at most
// TTY_BUF bytes, in order). A plain sink owns what it is handed: the console gives it a copy, so it
// may keep the bytes. A borrowing sink (borrowingSink(f)) is handed a view of guest RAM itself, valid
// only until it returns: it copies what it keeps and nothing else (a counter keeps nothing; a file
// keeps what the host's kernel did not take at once). The machine's default sinks, the host's
// own stdout and stderr (stdioSink), borrow: they write with write(2) while nothing is queued and
// copy only what the descriptor did not take (a full pipe) into Node's stream, which is made only
// then (host/stdio.ts).
// Interface: Sink, borrowingSink(f) -> Sink, borrows(sink) -> bool, stdioSink(fd) -> Sink.
import { writeSync } from "node:fs";
import { hostStream, hostStreamMade } from "./stdio";

export type Sink = (bytes: Uint8Array) => void;

const BORROWS = Symbol("wasmos.borrowingSink");

/** A sink that keeps nothing it is handed past its return: it gets views of guest RAM, no copies. */
export function borrowingSink(f: Sink): Sink {
  return Object.assign((bytes: Uint8Array) => f(bytes), { [BORROWS]: true });
}

/** The sink reads its bytes during the call only (borrowingSink), so it may be handed RAM itself. */
export function borrows(sink: Sink): boolean {
  return (sink as Sink & { [BORROWS]?: boolean })[BORROWS] === true;
}

/** The host's stdout (1) or stderr (2) as a borrowing sink: with nothing queued on Node's stream,
 *  the bytes go to the descriptor now; the rest (EAGAIN on a full pipe, or an error, which the
 *  stream then reports as its own, e.g. EPIPE) is copied and queued on the stream, made for it,
 *  which keeps later chunks in order behind it. */
export function stdioSink(fd: 1 | 2): Sink {
  return borrowingSink((view) => {
    let done = 0;
    if (!hostStreamMade(fd) || hostStream(fd).writableLength === 0) done = writeNow(fd, view);
    if (done < view.length) hostStream(fd).write(view.slice(done));
  });
}

// As much of `view` as the descriptor takes without waiting: the count written.
function writeNow(fd: number, view: Uint8Array): number {
  let done = 0;
  try {
    while (done < view.length) {
      const n = writeSync(fd, view, done, view.length - done);
      if (n <= 0) break;
      done += n;
    }
  } catch {
    // EAGAIN (a non-blocking pipe is full) or an error: the stream takes the rest
  }
  return done;
}
