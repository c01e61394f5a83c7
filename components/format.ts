/** Small text helpers shared by the panel and the watchlist (no React, no browser API). */
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

/** The title people see; FTS data sometimes has none. */
export function titleText(title: string | undefined): string {
  const trimmed = title?.trim();
  return trimmed ? trimmed : 'Untitled procurement';
}

/**
 * Only https: addresses ever become links. lib/ already checks every URL it gives; this
 * is the second lock, so a view can never render a javascript: or data: link.
 */
export function isHttpsHref(href: string | undefined): href is string {
  return typeof href === 'string' && /^https:\/\/[^\s]/i.test(href) && !/[\u0000-\u001f\s]/.test(href);
}
