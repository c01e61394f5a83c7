import { createFtsClient } from '@/lib/fts/client';
import { WATCH_CHANGE_KEY, type WatchChange } from '@/lib/messages';
import { createService } from '@/lib/service';
import { openTenderTimelineDB } from '@/lib/watchlist/db';

/**
 * The background owns the database and the FTS client. It keeps no state that matters in
 * memory: Chrome may stop this service worker at any moment, Firefox runs it as a page.
 */
export default defineBackground(() => {
  let db: ReturnType<typeof openTenderTimelineDB> | undefined;
  const service = createService({
    db: () => (db ??= openTenderTimelineDB().catch((error) => {
      db = undefined;
      throw error;
    })),
    client: createFtsClient({ fetch: (url, init) => fetch(url, { ...init, credentials: 'omit' }) }),
    now: () => new Date(),
    // Every open notice page listens to this key, so their Watch buttons follow at once.
    onWatchChange: (ocid, watched) => browser.storage.local.set({ [WATCH_CHANGE_KEY]: { ocid, watched, at: new Date().toISOString() } satisfies WatchChange }),
  });
  browser.runtime.onMessage.addListener((message: unknown) => service.handle(message));
});
