import { useCallback, useEffect, useState } from 'react';
import { WatchlistView } from '@/components/WatchlistView';
import { ask, WATCH_CHANGE_KEY } from '@/lib/messages';
import { noticeUrl, safeHttpsUrl } from '@/lib/fts/urls';
import type { WatchedProcurement } from '@/lib/watchlist/entry';

const send = (message: unknown) => browser.runtime.sendMessage(message);

export function Popup() {
  const [entries, setEntries] = useState<WatchedProcurement[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [now] = useState(() => new Date());

  const refresh = useCallback(async () => {
    const answer = await ask(send, 'watchlist:list', {});
    setLoading(false);
    if (answer.ok) {
      setEntries(answer.entries);
      setError(undefined);
    } else {
      setError(answer.error.message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return storage.watch(`local:${WATCH_CHANGE_KEY}`, () => void refresh());
  }, [refresh]);

  const onOpen = useCallback((entry: WatchedProcurement) => {
    const url = safeHttpsUrl(entry.watchedFromUrl) ?? (entry.latestNoticeId ? noticeUrl(entry.latestNoticeId) : undefined);
    if (url) void browser.tabs.create({ url });
  }, []);

  const onUnwatch = useCallback(
    (ocid: string) => {
      setEntries((list) => list.filter((e) => e.ocid !== ocid));
      void ask(send, 'watchlist:unwatch', { ocid }).then(() => refresh());
    },
    [refresh],
  );

  return <WatchlistView entries={entries} now={now} onOpen={onOpen} onUnwatch={onUnwatch} loading={loading} error={error} />;
}
