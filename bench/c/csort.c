/* csort: the C compute benchmark (bench/bench.ts, section native). Freestanding: no libc and no
 * WASI, only the import kernel.syscall, so the same .wasm runs translated on wasmos and natively in
 * V8 with bench/native.ts's stub. Sorts N pseudo-random 32-bit keys ROUNDS times (quicksort with an
 * insertion-sort cutoff, recursive on the smaller side), checks the order, prints a checksum and
 * exits 0 (1 if a round came out unsorted). SYS_WRITE and SYS_EXIT_GROUP come from the build
 * command (kernel/abi/syscalls.ts), so no syscall number is written here. */
#include <stdint.h>

#define N (1 << 20)
#define ROUNDS 3
#define CUTOFF 16

__attribute__((import_module("kernel"), import_name("syscall")))
int64_t syscall6(int32_t nr, int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5);

/* The keys live past the program's data (__heap_base, from the linker): a static array of the
 * imported memory would be written out in full as a data segment. */
extern unsigned char __heap_base;
static uint32_t *keys;

static uint32_t next(uint32_t *s) {
  uint32_t x = *s;
  x ^= x << 13; x ^= x >> 17; x ^= x << 5;
  return *s = x;
}

static void insertion(uint32_t *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    uint32_t v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static uint32_t median3(uint32_t x, uint32_t y, uint32_t z) {
  if (x > y) { uint32_t t = x; x = y; y = t; }
  if (y > z) y = z;
  return x > y ? x : y;
}

static void quicksort(uint32_t *a, int lo, int hi) {
  while (hi - lo > CUTOFF) {
    uint32_t p = median3(a[lo], a[lo + (hi - lo) / 2], a[hi]);
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
    else { quicksort(a, i, hi); hi = j; }
  }
  insertion(a, lo, hi);
}

static int put(char *buf, int at, uint32_t v) {
  char tmp[10];
  int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) buf[at++] = tmp[--n];
  return at;
}

void _start(void) {
  uint32_t seed = 2463534242u, sum = 0;
  int ok = 1;
  keys = (uint32_t *)&__heap_base;
  for (int r = 0; r < ROUNDS; r++) {
    for (int i = 0; i < N; i++) keys[i] = next(&seed);
    quicksort(keys, 0, N - 1);
    for (int i = 1; i < N; i++) if (keys[i - 1] > keys[i]) ok = 0;
    for (int i = 0; i < N; i += 4099) sum = sum * 31 + keys[i];
  }
  char line[64] = "csort ";
  int at = put(line, 6, N);
  line[at++] = ' ';
  at = put(line, at, sum);
  line[at++] = '\n';
  syscall6(SYS_WRITE, 1, (int64_t)(uintptr_t)line, at, 0, 0, 0);
  syscall6(SYS_EXIT_GROUP, ok ? 0 : 1, 0, 0, 0, 0, 0);
}
