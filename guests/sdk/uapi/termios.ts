// Terminal ioctls, struct termios and struct winsize: the constants of kernel/abi/termios.ts,
// re-exported for guest programs.
// Interface: everything in kernel/abi/termios.ts.
export * from "../../../kernel/abi/termios";
