// Calls from the kernel out to the host (the machine): the only imports kernel.wasm has.
// Interface: hostPanic, hostUnwind, hostStopRewind, hostConsoleWrite, hostTraceFlush.

// Report a broken kernel invariant; the host stops the machine.
@external("host", "panic") export declare function hostPanic(msg: usize): void;
// Make the running guest unwind (asyncify) when the current kernel entry returns.
@external("host", "unwind") export declare function hostUnwind(): void;
// The running guest finished rewinding: stop rewind mode before the kernel continues.
@external("host", "stopRewind") export declare function hostStopRewind(): void;
// Console output: `len` bytes at physical `addr` go to the host's fd (1 or 2).
@external("host", "consoleWrite") export declare function hostConsoleWrite(fd: i32, addr: usize, len: i32): void;
// The trace ring has records: the host decodes and empties it now.
@external("host", "traceFlush") export declare function hostTraceFlush(): void;
