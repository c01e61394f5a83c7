/** Undo of an Unwatch, as pages and the background both know it. Pure: pages may import it. */

/** How long an Unwatch can be undone: what was removed is kept that long, then forgotten. */
export const UNDO_MS = 10_000;
