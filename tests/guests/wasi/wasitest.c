// A C program built with clang and wasi-libc (wasm32-wasi) that exercises the WASI personality
// through the C library, one mode per run: `wasitest MODE [args...]`. tests/wasi.*.test.ts build it
// and check what it prints and its exit status.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

// printf, fopen/fwrite/fseek/fread on the image, stat, rename, unlink, mkdir/rmdir.
static int files(void) {
  FILE *f = fopen("/data/wasi.txt", "w+");
  if (!f) { printf("fopen: %s\n", strerror(errno)); return 1; }
  for (int i = 0; i < 1000; i++) fprintf(f, "line %d\n", i);
  if (fseek(f, 10 * 7, SEEK_SET) != 0) { printf("fseek failed\n"); return 1; }
  char buf[32] = {0};
  size_t n = fread(buf, 1, 7, f);
  long end = (fseek(f, 0, SEEK_END), ftell(f));
  fclose(f);
  printf("read %zu: %s\n", n, buf);
  printf("size %ld\n", end);
  struct stat st;
  if (stat("/data/wasi.txt", &st) != 0) { printf("stat: %s\n", strerror(errno)); return 1; }
  printf("stat size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  if (rename("/data/wasi.txt", "/data/wasi2.txt") != 0) { printf("rename: %s\n", strerror(errno)); return 1; }
  printf("old name: %s\n", access("/data/wasi.txt", F_OK) == 0 ? "exists" : strerror(errno));
  if (mkdir("/data/sub", 0755) != 0) { printf("mkdir: %s\n", strerror(errno)); return 1; }
  printf("mkdir again: %s\n", mkdir("/data/sub", 0755) == 0 ? "ok" : strerror(errno));
  printf("rmdir: %s\n", rmdir("/data/sub") == 0 ? "ok" : strerror(errno));
  printf("unlink: %s\n", unlink("/data/wasi2.txt") == 0 ? "ok" : strerror(errno));
  printf("open missing: %s\n", open("/data/none", O_RDONLY) < 0 ? strerror(errno) : "opened");
  return 0;
}

// opendir/readdir over fd_readdir.
static int readdir_mode(const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("opendir: %s\n", strerror(errno)); return 1; }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) printf("%s %s\n", e->d_type == DT_DIR ? "d" : e->d_type == DT_REG ? "f" : "?", e->d_name);
  closedir(d);
  return 0;
}

// random_get through getentropy: the bytes, in hex.
static int random_mode(void) {
  unsigned char b[16];
  if (getentropy(b, sizeof b) != 0) { printf("getentropy: %s\n", strerror(errno)); return 1; }
  for (size_t i = 0; i < sizeof b; i++) printf("%02x", b[i]);
  printf("\n");
  return 0;
}

// path_open as imported (wasi-libc's wrapper takes a C string and would read it itself).
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags, int64_t base,
                      int64_t inheriting, int32_t fdflags, int32_t fd_out);

// Bad pointers: each call returns WASI's EFAULT (21) and the program goes on.
static int efault(void) {
  __wasi_ciovec_t bad_iov = { (const uint8_t *)0xfffffff0u, 4 };
  __wasi_size_t n = 0;
  printf("fd_write bad iovec array: %d\n", __wasi_fd_write(1, (const __wasi_ciovec_t *)0xfffffff0u, 1, &n));
  printf("fd_write bad buffer: %d\n", __wasi_fd_write(1, &bad_iov, 1, &n));
  printf("fd_write bad nwritten: %d\n", __wasi_fd_write(1, &bad_iov, 0, (__wasi_size_t *)0xfffffff0u));
  printf("random_get bad buffer: %d\n", __wasi_random_get((uint8_t *)0xfffffff0u, 16));
  printf("clock_time_get bad out: %d\n", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, (__wasi_timestamp_t *)0xfffffff8u));
  printf("path_open bad path: %d\n", raw_path_open(3, 0, (int32_t)0xfffffff0u, 4, 0, 0, 0, 0, (int32_t)&n));
  printf("fd_prestat_get bad out: %d\n", __wasi_fd_prestat_get(3, (__wasi_prestat_t *)0xfffffff0u));
  printf("still running\n");
  return 0;
}

// More than IOV_MAX (1024) iovecs is EINVAL (28), as Linux's preadv and recvmsg, and more than
// FD_SETSIZE (1024) poll_oneoff subscriptions, as ppoll's nfds; 1024 are accepted.
static __wasi_iovec_t zero_iovs[1025];
static __wasi_subscription_t zero_subs[1025];     // clock subscriptions with timeout 0: due at once
static __wasi_event_t poll_events[1025];
static int iovmax(void) {
  __wasi_size_t n = 7;
  __wasi_roflags_t ro;
  printf("fd_pread 1025: %d\n", __wasi_fd_pread(0, zero_iovs, 1025, 0, &n));
  printf("fd_pread 1024: %d %u\n", __wasi_fd_pread(0, zero_iovs, 1024, 0, &n), n);
  printf("sock_recv 1025: %d\n", __wasi_sock_recv(0, zero_iovs, 1025, 0, &n, &ro));
  printf("poll_oneoff 1025: %d\n", __wasi_poll_oneoff(zero_subs, poll_events, 1025, &n));
  printf("poll_oneoff 1024: %d %u\n", __wasi_poll_oneoff(zero_subs, poll_events, 1024, &n), n);
  return 0;
}

// Preopens as fd_prestat_get / fd_prestat_dir_name report them.
static int preopens(void) {
  for (__wasi_fd_t fd = 3; fd < 10; fd++) {
    __wasi_prestat_t ps;
    __wasi_errno_t e = __wasi_fd_prestat_get(fd, &ps);
    if (e != 0) { printf("fd %u: errno %d\n", fd, e); break; }
    char name[64] = {0};
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len) != 0) return 1;
    printf("fd %u: %s\n", fd, name);
  }
  return 0;
}

// Clocks and sleeping through poll_oneoff (nanosleep in wasi-libc).
static int sleep_mode(void) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  struct timespec d = { 0, 250000000 };
  nanosleep(&d, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("slept at least 250 ms: %s\n", ns >= 250000000LL ? "yes" : "no");
  return 0;
}

// poll_oneoff: stdout is ready for writing at once; alone, a relative clock fires at its time, and
// of two clocks the earlier; a bad fd is an event with BADF.
static int poll_mode(void) {
  __wasi_subscription_t sub[2];
  __wasi_event_t ev[2];
  __wasi_size_t n = 0;
  memset(sub, 0, sizeof sub);
  sub[0].userdata = 11; sub[0].u.tag = __WASI_EVENTTYPE_FD_WRITE; sub[0].u.u.fd_write.file_descriptor = 1;
  sub[1].userdata = 22; sub[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC; sub[1].u.u.clock.timeout = 1000000000;
  __wasi_errno_t e = __wasi_poll_oneoff(sub, ev, 2, &n);
  printf("stdout+clock: errno %d, %u event(s), first userdata %llu type %d\n", e, n, (unsigned long long)ev[0].userdata, ev[0].type);
  __wasi_timestamp_t t0, t1;
  __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t0);
  sub[0].userdata = 33; sub[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC; sub[0].u.u.clock.timeout = 50000000;
  sub[1].u.u.clock.timeout = 80000000;
  e = __wasi_poll_oneoff(sub, ev, 2, &n);
  __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t1);
  printf("two clocks: errno %d, %u event(s), userdata %llu, waited %s\n", e, n, (unsigned long long)ev[0].userdata,
         t1 - t0 >= 50000000 && t1 - t0 < 80000000 ? "50..80 ms" : "wrong");
  sub[0].userdata = 44; sub[0].u.tag = __WASI_EVENTTYPE_FD_READ; sub[0].u.u.fd_read.file_descriptor = 99;
  e = __wasi_poll_oneoff(sub, ev, 1, &n);
  printf("bad fd: errno %d, %u event(s), event error %d\n", e, n, ev[0].error);
  printf("no subscriptions: errno %d\n", __wasi_poll_oneoff(sub, ev, 0, &n));
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "hello";
  if (!strcmp(mode, "hello")) { printf("hello from C\n"); return 0; }
  if (!strcmp(mode, "args")) { for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]); return 0; }
  if (!strcmp(mode, "env")) { for (int i = 2; i < argc; i++) printf("%s=%s\n", argv[i], getenv(argv[i]) ? getenv(argv[i]) : "(unset)"); return 0; }
  if (!strcmp(mode, "files")) return files();
  if (!strcmp(mode, "readdir")) return readdir_mode(argc > 2 ? argv[2] : "/");
  if (!strcmp(mode, "random")) return random_mode();
  if (!strcmp(mode, "efault")) return efault();
  if (!strcmp(mode, "preopens")) return preopens();
  if (!strcmp(mode, "iovmax")) return iovmax();
  if (!strcmp(mode, "sleep")) return sleep_mode();
  if (!strcmp(mode, "poll")) return poll_mode();
  if (!strcmp(mode, "exit")) return atoi(argc > 2 ? argv[2] : "0");
  if (!strcmp(mode, "abort")) abort();
  printf("unknown mode %s\n", mode);
  return 2;
}
