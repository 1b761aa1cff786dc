/**
 * A small seeded random number generator (mulberry32) and the draws the synthetic data makes
 * with it: the same seed always gives the same graph, on any machine.
 */
export type Random = ReturnType<typeof createRandom>;

export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  /** `count` distinct items (fewer when the list is shorter). */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(int(0, pool.length - 1), 1)[0] as T);
    return chosen;
  };
  return { next, int, pick, sample };
}

/**
 * Draws from a list by Zipf's law (the item at rank r weighs 1/r^s): the first items are hot,
 * the rest form a long tail, as articles cover a few famous models and many obscure ones.
 * Built once per list (a cumulative table), each draw is a binary search.
 */
export function zipf<T>(items: readonly T[], exponent = 1.1): (random: Random) => T {
  if (items.length === 0) throw new Error('zipf over an empty list');
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= items.length; rank++) {
    total += 1 / rank ** exponent;
    cumulative.push(total);
  }
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return items[low] as T;
  };
}

/** `count` distinct draws of `draw` (fewer if it keeps repeating itself). */
export function distinctDraws<T>(draw: () => T, count: number): T[] {
  const chosen = new Set<T>();
  for (let attempt = 0; chosen.size < count && attempt < count * 8; attempt++) chosen.add(draw());
  return [...chosen];
}
