import { formatDateTime, londonParts, type DateStyle } from '../lib/dates';

/**
 * An instant in UK time for people ("1 Jul 2026, by end of day" for a deadline),
 * machine-readable too: a day published without a time is that London date alone.
 */
export function DateTime({ at, style, className }: { at: string; style?: DateStyle; className?: string }) {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return null;
  return (
    <time className={className} dateTime={style?.dateOnly ? londonParts(instant).date : instant.toISOString()}>
      {formatDateTime(instant, style)}
    </time>
  );
}
