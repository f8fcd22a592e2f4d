// sieve: counts the primes below N with a byte-per-number sieve of Eratosthenes
// (default N = 8 MiB), a byte-heavy memory workload. Prints "primes below N: COUNT".
// Usage: sieve [N]

import { argInt, print, printInt, exit_group } from "../sdk";

/** Number of primes below n; composite[i] = 1 marks i as crossed out. */
function countPrimes(n: i32): i32 {
  if (n < 3) return 0;
  const composite = new StaticArray<u8>(n);
  for (let i = 2; i * i < n; i++) {
    if (unchecked(composite[i])) continue;
    for (let j = i * i; j < n; j += i) unchecked(composite[j] = 1);
  }
  let count = 0;
  for (let i = 2; i < n; i++) if (!unchecked(composite[i])) count++;
  return count;
}

const n = <i32>argInt(1, 8 << 20);
print("primes below ");
printInt(n);
print(": ");
printInt(countPrimes(n));
print("\n");
exit_group(0);
