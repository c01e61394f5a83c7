import { formatDateTime, londonParts, type DateStyle } from '../lib/dates';

/**
 * An instant in UK time for people ("1 July 2026, 11:59pm": lib/dates `formatDateTime`),
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

/** Said once in each view that shows times, so that no time needs its zone beside it. */
export function UkTimeNote({ className }: { className?: string }) {
  return <p className={className ? `tt-uk-time ${className}` : 'tt-uk-time'}>Times are UK time.</p>;
}
