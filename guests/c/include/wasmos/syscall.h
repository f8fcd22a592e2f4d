/* wasmos: the kernel's one system-call entry, for C.
 *
 * Every guest may import kernel.syscall(nr, a0..a5) -> i64: a Linux asm-generic system-call number
 * and six 64-bit arguments; the result is the value or a negative Linux errno, as the raw Linux
 * syscall instruction returns it. The numbers come from <wasmos/abi.h>, generated from kernel/abi
 * by `wasmos build`.
 *
 * Interface:
 *   __wasmos_kernel_syscall(nr, a0..a5)   the import itself (no errno)
 *   __wasmos_syscall(nr, a0..a5)          the same; a Linux error sets errno (wasi-libc's number
 *                                         for the same name) and returns -1
 *   __wasmos_errno(linux_errno)           the errno value of a Linux errno (EIO when unknown)
 *   __wasmos_oflags(flags)                open/pipe2/dup3 flags as <fcntl.h> spells them -> Linux's
 *   __WASMOS_P(p)                         a pointer as a syscall argument (zero-extended)
 */
#ifndef _WASMOS_SYSCALL_H
#define _WASMOS_SYSCALL_H
#include <wasmos/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

__attribute__((import_module("kernel"), import_name("syscall")))
long long __wasmos_kernel_syscall(int nr, long long a0, long long a1, long long a2, long long a3, long long a4, long long a5);

long long __wasmos_syscall(int nr, long long a0, long long a1, long long a2, long long a3, long long a4, long long a5);
int __wasmos_errno(int linux_errno);
int __wasmos_oflags(int flags);

#define __WASMOS_P(p) ((long long)(unsigned long)(p))

#ifdef __cplusplus
}
#endif
#endif
