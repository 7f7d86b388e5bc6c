/**
 * A small seeded pseudo-random generator (mulberry32). The simulator never uses Math.random:
 * the same scenario and seed must give the same trace, byte for byte.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [low, high], both inclusive. */
  int(low: number, high: number): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
  };
}
