// epoll's constants and struct epoll_event: kernel/abi/epoll.ts, re-exported for guest programs.
export * from "../../../kernel/abi/epoll";
