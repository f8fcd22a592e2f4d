// Calls from the kernel out to the host (the machine): the only imports kernel.wasm has.
// Interface: hostPanic, hostUnwind, hostStopRewind, hostConsoleWrite, hostTraceFlush, hostVirtio*.

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
// virtio devices (abi/virtio.ts): tell the device where queue `q` lives (a frame's physical address),
// notify it of new available buffers, read its configuration (Dev.blk field 0: capacity in sectors).
@external("host", "virtioSetup") export declare function hostVirtioSetup(dev: i32, q: i32, addr: usize): void;
@external("host", "virtioNotify") export declare function hostVirtioNotify(dev: i32, q: i32): void;
@external("host", "virtioConfig") export declare function hostVirtioConfig(dev: i32, field: i32): i64;
// Wait for the device's next interrupt: the host idles the virtual clock until the device is done,
// then calls the kernel's irq(dev). Returns 0, or -1 when the device has nothing in flight.
@external("host", "virtioWait") export declare function hostVirtioWait(dev: i32): i32;
