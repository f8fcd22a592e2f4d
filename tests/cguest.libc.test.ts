// The C Linux-call library (guests/c/lib) against Linux's behaviour: tests/guests/c/linuxcalls.c
// prints one fact per line (errno names from Linux errnos; fork, pipe2, wait4 and the exit code;
// kill and the signal; a MAP_SHARED store reaching the file while a MAP_PRIVATE one stays private;
// a store after mprotect(PROT_READ) killing with SIGSEGV; sendfile, tee, splice, vmsplice byte
// counts and contents; O_DIRECT refusing an unaligned length with EINVAL, as Linux does; inet_pton and inet_ntop), built
// with --no-wasi and with wasi-libc. EXPECTED is what the same source prints when compiled natively
// with gcc and run on Linux (x86-64, the file path moved to a writable directory).
import { describe, it, expect } from "vitest";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const EXPECTED = [
  "dup3 bad fd: Bad file descriptor",
  "munmap len 0: Invalid argument",
  "socket family 12345: Address family not supported by protocol",
  "read of an empty O_NONBLOCK pipe: Resource temporarily unavailable",
  "wait4 pid matches: 1",
  "child said: from child, exited: 1, code: 7",
  "getppid of parent is not its pid: 1",
  "execve of a missing file: No such file or directory",
  "kill: ok",
  "signaled: 1, signal: 15",
  "mmap: ok ok",
  "file after stores: Saaaaaaa, private view: SPaaaaaa",
  "store after mprotect(PROT_READ): signal 11",
  "sendfile: 8",
  "tee: 8",
  "tee copy: Saaaaaaa",
  "splice to file: 8",
  "vmsplice: 2",
  "read back: 2",
  "file now: SaaaaaaaSaaaaaaa",
  "O_DIRECT open: ok",
  "O_DIRECT read of 4096: 16",
  "O_DIRECT pread of 100 bytes: Invalid argument",
  "dup2: 9",
  "inet_pton: 1 10.0.2.2",
  "inet_pton 10.0.2.256: 0, 1.2.3: 0, 01.2.3.4: 0",
  "inet_pton family 12345: -1 Address family not supported by protocol",
  "",
].join("\n");

describe.skipIf(!hasClang)(`C guests: the Linux-call library${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("--no-wasi: every call behaves as on Linux", async () => {
    const r = cli("run", await cGuest("tests/guests/c/linuxcalls.c", { wasi: false }));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(EXPECTED);
    expect(r.status).toBe(0);
  });

  it("with wasi-libc (the WASI personality on the same fd table): the same", async () => {
    const r = cli("run", await cGuest("tests/guests/c/linuxcalls.c"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(EXPECTED);
    expect(r.status).toBe(0);
  });
});
