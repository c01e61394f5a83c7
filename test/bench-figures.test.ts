import { describe, expect, it } from 'vitest';
import { figure, figures, median, ratio } from '../scripts/bench/figures';

describe('bench figures', () => {
  it('takes the middle sample, or the mean of the middle two, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('gives the ratio to the floor in two decimals, and none without a floor', () => {
    expect(ratio(60, 50)).toBe(1.2);
    expect(ratio(100, 30)).toBe(3.33);
    expect(ratio(100, null)).toBeNull();
    expect(ratio(null, 50)).toBeNull();
    expect(ratio(10, 0)).toBeNull();
  });

  it('assembles figures in order with their ratios, and refuses a name twice', () => {
    const list = figures([figure('overlay-warm', 90, 60, '≤ 1.2× floor'), figure('popup-5000', 277, null, '≤ 100 ms')]);
    expect(list).toEqual([
      { name: 'overlay-warm', medianMs: 90, floorMedianMs: 60, goal: '≤ 1.2× floor', ratio: 1.5 },
      { name: 'popup-5000', medianMs: 277, floorMedianMs: null, goal: '≤ 100 ms', ratio: null },
    ]);
    expect(() => figures([figure('a', 1, null, ''), figure('a', 2, null, '')])).toThrow(/twice/);
  });
});
