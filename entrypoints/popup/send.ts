/**
 * The extension's one way to the background, from its pages (the popup, the watchlist page,
 * backups) and from the content script.
 * The benchmark's floor build (wxt.config.ts) puts scripts/bench/floor-send.ts in its place.
 */
export const send = (message: unknown): Promise<unknown> => browser.runtime.sendMessage(message);
