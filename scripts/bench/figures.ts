/**
 * The benchmark's headline figures (bench/extension-results.json `figures`): each a median
 * beside the median of its floor (the same work without the part under test, measured in the
 * same run) and its goal. Pure: no browser, no clock.
 */

export interface Figure {
  name: string;
  /** null when this run did not measure it. */
  medianMs: number | null;
  /** The floor's median in the same run; null until the figure has a floor. */
  floorMedianMs: number | null;
  goal: string;
  /** medianMs / floorMedianMs, two decimals; null without both. */
  ratio: number | null;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The median of some samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many times its floor a figure is (two decimals), or null when either is missing or the floor is not positive. */
export function ratio(medianMs: number | null, floorMedianMs: number | null): number | null {
  if (medianMs === null || floorMedianMs === null || !(floorMedianMs > 0)) return null;
  return Math.round((medianMs / floorMedianMs) * 100) / 100;
}

/** One figure; its ratio follows from the two medians. */
export function figure(name: string, medianMs: number | null, floorMedianMs: number | null, goal: string): Figure {
  return { name, medianMs, floorMedianMs, goal, ratio: ratio(medianMs, floorMedianMs) };
}

/** The figures in order; a name given twice is a mistake in the bench, so it throws. */
export function figures(list: readonly Figure[]): Figure[] {
  const seen = new Set<string>();
  for (const f of list) {
    if (seen.has(f.name)) throw new Error(`figure ${f.name} given twice`);
    seen.add(f.name);
  }
  return [...list];
}
