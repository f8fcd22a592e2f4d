/* wasmos: sigset_t as the kernel takes it, 64 bits, bit sig-1, for every header that asks for it
 * (<signal.h>, and <sys/select.h>, <poll.h> through bits/alltypes.h; wasi-libc's own is a one-byte
 * placeholder). Found before wasi-libc's because guests/c/include is searched first. */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h
typedef unsigned long long sigset_t;
#endif
