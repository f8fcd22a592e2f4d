// The wasmos guest SDK: everything a guest program needs, re-exported from one place.
//   import { print, args, mmap, PROT_READ } from "../sdk";
//
// Interface (one file per area):
//   syscall.ts   the kernel.syscall import and syscall0..syscall6
//   file.ts      fd I/O             fs.ts      paths and directories     pipe.ts   pipes, splice family
//   epoll.ts     epoll_create1, epoll_ctl, epoll_pwait
//   mm.ts        brk and mappings   process.ts processes, exec, wait     time.ts   clocks, sleeping
//   signal.ts    handlers, masks, raise, alarm, setitimer, sigsuspend, pause
//   socket.ts    sockets            print.ts   output                    args.ts   argv and environment
//   errno.ts     error names        cstring.ts C strings                 abort.ts  the abort handler
//   random.ts    getrandom          tool.ts    option parsing, messages, buffered stdout, lines
//   regex.ts     basic regular expressions (grep)   ctype.ts  ASCII classes   dirlist.ts  directory names
//   tty.ts       terminals (termios) and process groups, sessions
//   netmap.ts    /dev/netmap: attach, map, rings and slots, TX/RX sync; udpFrame (a UDP frame to 10.0.2.2)
//   procfile.ts  /proc text files (ps, free, vmstat): ProcFile(path).text, .value(name)
//   uapi/*.ts    Linux constants and record layouts (fcntl, mman, time, uio, socket, stat, poll,
//                wait, utsname, resource, random, epoll, termios): re-exports of kernel/abi/<same name>.ts, plus a few helpers
// Shared numbers come from kernel/abi: Sys, Errno, Sig, the address-space layout and every uapi
// constant (kernel/abi is their one home; the kernel and the tracer import the same files).

export { Sys, NSYSCALL } from "../../kernel/abi/syscalls";
export { Sig } from "../../kernel/abi/signals";
export { PAGE_SHIFT, PAGE_SIZE, WASM_PAGE, USER_TOP, ARG_BASE, ARG_MAX, MMAP_TOP } from "../../kernel/abi/layout";

export * from "./syscall";
export * from "./errno";
export * from "./cstring";
export * from "./file";
export * from "./fs";
export * from "./pipe";
export * from "./epoll";
export * from "./mm";
export * from "./process";
export * from "./signal";
export * from "./time";
export * from "./socket";
export * from "./print";
export * from "./args";
export * from "./abort";
export * from "./random";
export * from "./tool";
export * from "./regex";
export * from "./ctype";
export * from "./dirlist";
export * from "./tty";
export * from "./procfile";

export * from "./uapi/fcntl";
export * from "./uapi/mman";
export * from "./uapi/time";
export * from "./uapi/uio";
export * from "./uapi/socket";
export * from "./uapi/stat";
export * from "./uapi/poll";
export * from "./uapi/wait";
export * from "./uapi/random";
export * from "./uapi/utsname";
export * from "./uapi/resource";
export * from "./uapi/epoll";
export * from "./calendar";
export * from "./netmap";
export * from "./uapi/netmap";
export * from "./uapi/packet";
export * from "./uapi/termios";
