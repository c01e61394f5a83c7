/**
 * The last day counts in hours, and only deadlines close. Real records:
 * ocds-h6vhtk-06a838 has a market engagement milestone due "2026-06-08T23:59:59+01:00";
 * ocds-h6vhtk-067b89's tenderPeriod.endDate is "2026-07-01T23:59:59+01:00".
 */
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { countdown, formatDateTime } from '../lib/dates';
import { keyDateStyle } from '../lib/timeline/key-dates';
import type { KeyDateEvent } from '../lib/timeline/types';
import { readReal } from './support/fixtures';

function keyDate(name: string, type: string, now: string): KeyDateEvent {
  const result = analyseOcds(readReal(name), new Date(now));
  if (!result.ok) throw new Error(result.message);
  return result.procurements[0]!.events.find((e): e is KeyDateEvent => e.kind === 'keyDate' && e.type === type)!;
}

describe('the last day', () => {
  it('gives an engagement event at 23:59 its time, and no closing', () => {
    const event = keyDate('ocds-h6vhtk-06a838.json', 'engagement', '2026-06-08T12:00:00Z');
    expect(event).toMatchObject({ date: '2026-06-08', time: '23:59', endOfDay: false, status: 'next' });
    const at = new Date(event.at);
    expect(formatDateTime(at, keyDateStyle(event.type))).toBe('8 June 2026, 11:59pm');
    // Not a deadline: it does not close, and reads "today" on its day.
    expect(countdown(new Date('2026-06-08T12:00:00Z'), at, keyDateStyle(event.type))).toBe('today');
  });

  it('reads a submission deadline at 23:59 as "11:59pm", and counts its last day in hours', () => {
    const event = keyDate('ocds-h6vhtk-067b89.json', 'submissionDeadline', '2026-07-01T12:00:00Z');
    expect(event).toMatchObject({ date: '2026-07-01', time: '23:59', endOfDay: true, status: 'next' });
    const at = new Date(event.at);
    const style = keyDateStyle(event.type);
    expect(formatDateTime(at, style)).toBe('1 July 2026, 11:59pm');
    // 13:00 BST to 23:59:59 BST: 10 h 59 min 59 s.
    expect(countdown(new Date('2026-07-01T12:00:00Z'), at, style)).toBe('closes in 10 hours');
    // 23:00 BST: 59 min 59 s.
    expect(countdown(new Date('2026-07-01T22:00:00Z'), at, style)).toBe('closes in 59 minutes');
    // 23:59:59 BST the day before: exactly 24 hours, the London day before.
    expect(countdown(new Date('2026-06-30T22:59:59Z'), at, style)).toBe('closes tomorrow');
    expect(countdown(new Date('2026-06-30T23:00:00Z'), at, style)).toBe('closes in 23 hours');
  });
});
