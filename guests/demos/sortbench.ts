// sortbench: the sort benchmark. Sorts N pseudo-random i32 (default 1 << 20) in place with a
// quicksort, checks the result is ordered and prints a checksum. Deterministic: a fixed-seed LCG
// fills the array. Exit 0 if sorted, 1 if not. Usage: sortbench [N]

import { argInt, print, printInt, exit_group } from "../sdk";

const SEED: u32 = 12345;
const SMALL: i32 = 16;                 // below this many elements insertion sort is faster

/** Fill a with numbers from the LCG x' = x * 1664525 + 1013904223 (Numerical Recipes). */
function fill(a: StaticArray<i32>, seed: u32): void {
  let x = seed;
  for (let i = 0; i < a.length; i++) {
    x = x * 1664525 + 1013904223;
    unchecked(a[i] = <i32>x);
  }
}

function swap(a: StaticArray<i32>, i: i32, j: i32): void {
  const t = unchecked(a[i]);
  unchecked(a[i] = unchecked(a[j]));
  unchecked(a[j] = t);
}

/** Sort a[lo..hi] (inclusive) by insertion. */
function insertionSort(a: StaticArray<i32>, lo: i32, hi: i32): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = unchecked(a[i]);
    let j = i - 1;
    while (j >= lo && unchecked(a[j]) > v) {
      unchecked(a[j + 1] = unchecked(a[j]));
      j--;
    }
    unchecked(a[j + 1] = v);
  }
}

/** Sort a[lo..hi] (inclusive): median-of-three quicksort, recursing into the smaller half. */
function quickSort(a: StaticArray<i32>, lo: i32, hi: i32): void {
  while (hi - lo >= SMALL) {
    const mid = lo + ((hi - lo) >> 1);
    if (unchecked(a[mid]) < unchecked(a[lo])) swap(a, mid, lo);
    if (unchecked(a[hi]) < unchecked(a[lo])) swap(a, hi, lo);
    if (unchecked(a[hi]) < unchecked(a[mid])) swap(a, hi, mid);
    const pivot = unchecked(a[mid]);
    let i = lo, j = hi;
    while (i <= j) {                   // Hoare partition
      while (unchecked(a[i]) < pivot) i++;
      while (unchecked(a[j]) > pivot) j--;
      if (i <= j) { swap(a, i, j); i++; j--; }
    }
    if (j - lo < hi - i) { quickSort(a, lo, j); lo = i; }
    else { quickSort(a, i, hi); hi = j; }
  }
  insertionSort(a, lo, hi);
}

/** True if a is in non-decreasing order. */
function isSorted(a: StaticArray<i32>): bool {
  for (let i = 1; i < a.length; i++) if (unchecked(a[i - 1]) > unchecked(a[i])) return false;
  return true;
}

/** FNV-1a over the values, in order. */
function checksum(a: StaticArray<i32>): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < a.length; i++) h = (h ^ <u32>unchecked(a[i])) * 16777619;
  return h;
}

const n = <i32>argInt(1, 1 << 20);
const a = new StaticArray<i32>(n);
fill(a, SEED);
quickSort(a, 0, n - 1);
const ok = isSorted(a);
print(ok ? "sorted " : "NOT sorted ");
printInt(n);
print(" checksum ");
printInt(checksum(a));
print("\n");
exit_group(ok ? 0 : 1);
