// A small seeded pseudo-random generator (sfc32, seeded through splitmix32), so that one seed always
// gives the same fuzz program on every machine and Node version.
// Interface: new Prng(seed); u32(), below(n), chance(p), pick(array), pickWeighted([[w, x]...]),
// bigBits(bits) -> bigint.
export class Prng {
  private a: number; private b: number; private c: number; private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {                    // splitmix32
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** An integer in [0, n). */
  below(n: number): number { return n <= 1 ? 0 : Math.floor((this.u32() / 4294967296) * n); }
  chance(p: number): boolean { return this.u32() / 4294967296 < p; }
  pick<T>(xs: readonly T[]): T { return xs[this.below(xs.length)]; }

  pickWeighted<T>(xs: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of xs) total += w;
    let r = this.below(total);
    for (const [w, x] of xs) { if (r < w) return x; r -= w; }
    return xs[xs.length - 1][1];
  }

  /** A random unsigned integer of `bits` bits (up to 64). */
  bigBits(bits: number): bigint {
    const v = (BigInt(this.u32()) << 32n) | BigInt(this.u32());
    return bits >= 64 ? v : v & ((1n << BigInt(bits)) - 1n);
  }
}
