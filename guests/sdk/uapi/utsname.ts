// struct utsname: kernel/abi/utsname.ts, re-exported for guest programs.
export * from "../../../kernel/abi/utsname";
