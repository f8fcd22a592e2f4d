// getrandom's flags, as Linux's linux/random.h defines them. The kernel, the guest SDK and the
// tracer's name tables (host/trace/flags.ts) import them from here.
//
// Interface: GRND_* flags.

export const GRND_NONBLOCK: u32 = 0x0001;   // never block (the kernel's generator never blocks anyway)
export const GRND_RANDOM: u32 = 0x0002;     // the "random" pool rather than "urandom" (one generator here)
export const GRND_INSECURE: u32 = 0x0004;   // no need to wait for the pool to be ready
