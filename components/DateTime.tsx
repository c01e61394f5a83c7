import { formatDateTime } from '../lib/dates';

/** An instant in UK time for people ("1 Jul 2026, by end of day"), machine-readable too. */
export function DateTime({ at, className }: { at: string; className?: string }) {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return null;
  return (
    <time className={className} dateTime={instant.toISOString()}>
      {formatDateTime(instant)}
    </time>
  );
}
