// Abort handler for AssemblyScript's abort() (failed assert, out-of-bounds access, throw):
// prints "abort: <msg> at <file>:<line>:<col>" to fd 2, raises SIGABRT like C's abort(),
// and if that returns exits with status 134 (128 + SIGABRT).
//
// Interface: build with `--use abort=guests/sdk/abort/abortHandler` (guests/build.mjs does),
// so that guests import no env.abort. Printing does not allocate.

import { Sig } from "../../kernel/abi/signals";
import { writeString, writeInt } from "./print";
import { getpid, kill, exit_group } from "./process";

export function abortHandler(message: string | null, fileName: string | null, line: u32, column: u32): void {
  writeString(2, "abort: ");
  writeString(2, message !== null ? message : "(no message)");
  writeString(2, " at ");
  writeString(2, fileName !== null ? fileName : "?");
  writeString(2, ":");
  writeInt(2, line);
  writeString(2, ":");
  writeInt(2, column);
  writeString(2, "\n");
  kill(<i32>getpid(), Sig.SIGABRT);
  exit_group(128 + Sig.SIGABRT);
}
