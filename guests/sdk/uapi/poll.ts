// Poll events and struct pollfd: kernel/abi/poll.ts, re-exported for guest programs.
export * from "../../../kernel/abi/poll";
