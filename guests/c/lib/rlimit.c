// getrlimit, setrlimit and prlimit as Linux's libc makes them: each is the kernel's prlimit64
// (struct rlimit is its rlimit64 here), errors in errno. Interface: <sys/resource.h>.
#include <sys/resource.h>
#include <wasmos/syscall.h>

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit) {
  return (int)__wasmos_syscall(__WASMOS_SYS_prlimit64, pid, resource, __WASMOS_P(new_limit), __WASMOS_P(old_limit), 0, 0);
}

int getrlimit(int resource, struct rlimit *rl) { return prlimit(0, resource, 0, rl); }

int setrlimit(int resource, const struct rlimit *rl) { return prlimit(0, resource, rl, 0); }
