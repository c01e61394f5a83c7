import { countdown, lastMoment, londonDaysBetween } from '../lib/dates';
import { keyDateStyle } from '../lib/timeline/key-dates';
import type { KeyDateType } from '../lib/timeline/types';
import './theme.css';

interface Props {
  now: Date;
  /** ISO instant. */
  at: string;
  type?: KeyDateType;
  /** The key date is a day published without a time: it runs to the end of that London day. */
  dateOnly?: boolean;
  /** Text put before the countdown, only when there is one (e.g. " — " after a date). */
  separator?: string;
}

/** A countdown to a key date (wording: lib/dates `countdown`); deadlines a week or less away stand out. */
export function Countdown({ now, at, type, dateOnly, separator }: Props) {
  const instant = new Date(at);
  const style = keyDateStyle(type, dateOnly);
  const words = countdown(now, instant, style);
  if (!words) return null;
  let modifier = '';
  if (style.deadline) {
    if (lastMoment(instant, style).getTime() <= now.getTime()) modifier = ' tt-countdown--closed';
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
