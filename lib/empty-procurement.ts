import type { Procurement } from './procurement';

// Kept apart from lib/procurement.ts so that views (the content script's panel) can use it
// without bundling the reader and its schemas.

/**
 * Whether a read found nothing that tells a procurement: no title, buyer, notice, key
 * date or award (a record cut off or empty before any of them). Such a read is an error
 * to show, not a procurement to watch.
 */
export function isEmptyProcurement(procurement: Procurement): boolean {
  return !(procurement.title || procurement.buyer?.name || procurement.notices.length || procurement.keyDates.length || procurement.awards.length);
}
