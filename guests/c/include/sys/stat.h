/* wasmos: wasi-libc's <sys/stat.h> with Linux's S_IFIFO and S_IFMT, and chmod, fchmod, fchmodat, umask.
 *
 * wasi-libc gives S_IFIFO the value of S_IFSOCK (WASI's filetype cannot tell them apart), so
 * S_ISFIFO was true of a socket and false of a pipe (and S_IFMT lacks the FIFO bit); the stat family here is Linux's
 * (guests/c/lib/stat.c), whose st_mode has the real type, so S_IFIFO and S_IFMT are Linux's again.
 */
#ifndef _WASMOS_SYS_STAT_H
#define _WASMOS_SYS_STAT_H
#include_next <sys/stat.h>
#include <wasmos/abi.h>

#undef S_IFIFO
#define S_IFIFO __WASMOS_S_IFIFO
#undef S_IFMT
#define S_IFMT __WASMOS_S_IFMT

/* WASI has no permission calls; wasmos's kernel has them (guests/c/lib/mode.c). */
int chmod(const char *, mode_t);
int fchmod(int, mode_t);
int fchmodat(int, const char *, mode_t, int);
mode_t umask(mode_t);

#endif
