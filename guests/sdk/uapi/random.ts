// getrandom's flags (GRND_*): kernel/abi/random.ts, re-exported for guest programs.
export * from "../../../kernel/abi/random";
