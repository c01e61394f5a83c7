/** Small text helpers shared by the panel and the watchlist (no React, no browser API). */
import type { FtsProgress } from '../lib/fts/client';
import { counted } from '../lib/dates';
import { formatMoney } from '../lib/money';
import type { ProcurementValue } from '../lib/procurement';

/** "£598,488.66 (£718,186.39 including VAT)", "£718,186.39 including VAT", or "not specified". */
export function valueText(value: ProcurementValue | undefined): string {
  const net = value?.net;
  const gross = value?.gross;
  if (!net && !gross) return 'not specified';
  if (!net) return `${formatMoney(gross)} including VAT`;
  if (!gross) return formatMoney(net);
  return `${formatMoney(net)} (${formatMoney(gross)} including VAT)`;
}

/**
 * Only https: addresses ever become links. lib/ already checks every URL it gives; this
 * is the second lock, so a view can never render a javascript: or data: link.
 */
export function isHttpsHref(href: string | undefined): href is string {
  return typeof href === 'string' && /^https:\/\/[^\s]/i.test(href) && !/[\u0000-\u001f\s]/.test(href);
}

/**
 * What a request to Find a Tender is waiting for, in words, `now` (epoch ms) counting down
 * to its end: "Find a Tender is busy — trying again in 40 seconds (attempt 3 of 4)".
 * Undefined while it is asked for the first time: the caller's own words say what it reads.
 */
export function ftsProgressText(progress: FtsProgress, now: number): string | undefined {
  const attempt = `attempt ${progress.attempt} of ${progress.maxAttempts}`;
  if (progress.step === 'asking') return progress.attempt > 1 ? `Asking Find a Tender again (${attempt})` : undefined;
  const seconds = Math.max(0, Math.ceil(((progress.until ?? now) - now) / 1000));
  const inTime = seconds === 0 ? 'now' : `in ${counted(seconds, 'second')}`;
  switch (progress.reason) {
    case 'queued':
      return 'Waiting for Find a Tender (other requests go first)';
    case 'turn':
      return `Waiting for Find a Tender (next request ${inTime})`;
    case 'busy':
      return `Find a Tender is busy — trying again ${inTime} (${attempt})`;
    case 'unreachable':
      return `Find a Tender could not be reached — trying again ${inTime} (${attempt})`;
  }
}
