import { useEffect, useMemo, useReducer } from 'react';
import type { FtsProgress } from '../lib/fts/client';
import { ftsProgressText } from './format';
import './theme.css';

/** A key that changes when the wait does, not when the same wait is told again. */
const waitKey = (p: FtsProgress) => (p.step === 'asking' ? `asking|${p.attempt}` : `${p.reason}|${p.attempt}|${p.until ?? ''}`);

/**
 * What a request to Find a Tender is waiting for, counting down each second. Meant for a
 * polite live region: the countdown is hidden from screen readers, which are told the wait
 * once, as it starts (and again only when it changes), not every second.
 * Shows `fallback` when there is nothing to say about the request.
 */
export function FtsProgressNote({ progress, fallback, className }: { progress?: FtsProgress; fallback?: string; className?: string }) {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const counting = progress?.step === 'waiting' && progress.until !== undefined;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [counting]);
  const key = progress ? waitKey(progress) : '';
  // Worded when this wait is first seen, and kept: what screen readers are told.
  const announced = useMemo(() => (progress ? ftsProgressText(progress, Date.now()) : undefined), [key]);
  const text = progress ? ftsProgressText(progress, Date.now()) : undefined;
  if (!text) return fallback ? <p className={className}>{fallback}</p> : null;
  return (
    <>
      <p className={className} aria-hidden="true">
        {text}
      </p>
      <p className="tt-visually-hidden">{announced}</p>
    </>
  );
}
