import { countdown, londonDaysBetween } from '../lib/dates';
import { DEADLINE_TYPES } from '../lib/timeline/key-dates';
import type { KeyDateType } from '../lib/timeline/types';
import './theme.css';

const isDeadline = (type: KeyDateType | undefined): boolean => type !== undefined && DEADLINE_TYPES.has(type);

/**
 * How long until a key date, in words. Deadlines use lib/dates `countdown` ("3 days left",
 * "closes today", "closed"); other dates do not close, so they read "in 30 days", "tomorrow",
 * "today", and nothing once passed.
 */
export function countdownWords(now: Date, at: Date, type?: KeyDateType): string | undefined {
  if (isDeadline(type)) return countdown(now, at);
  if (at.getTime() <= now.getTime()) return undefined;
  const days = londonDaysBetween(now, at);
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

interface Props {
  now: Date;
  /** ISO instant. */
  at: string;
  type?: KeyDateType;
  /** Text put before the countdown, only when there is one (e.g. " — " after a date). */
  separator?: string;
}

/** A countdown to a key date; deadlines a week or less away stand out. */
export function Countdown({ now, at, type, separator }: Props) {
  const instant = new Date(at);
  const words = countdownWords(now, instant, type);
  if (!words) return null;
  let modifier = '';
  if (isDeadline(type)) {
    if (instant.getTime() <= now.getTime()) modifier = ' tt-countdown--closed';
    else if (londonDaysBetween(now, instant) <= 7) modifier = ' tt-countdown--urgent';
  }
  const span = <span className={`tt-countdown${modifier}`}>{words}</span>;
  return separator ? (
    <>
      {separator}
      {span}
    </>
  ) : (
    span
  );
}
