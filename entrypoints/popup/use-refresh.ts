/** "Refresh now" and its progress: asked of the background, polled while it runs, stopped on request. */
import { useCallback, useEffect, useState } from 'react';
import type { RefreshState } from '@/components/watchlist-tools';
import { ask } from '@/lib/messages';
import type { Send } from './use-watchlist-rows';

/** How often a refresh under way is asked how far it got. */
const PROGRESS_POLL_MS = 1000;

export function useRefresh(send: Send, reload: () => Promise<void>) {
  const [refresh, setRefresh] = useState<RefreshState>({ status: 'idle' });

  // Asked while one runs (the alarm's, or one started before the popup was opened), it is joined.
  const onRefreshNow = useCallback(() => {
    setRefresh({ status: 'running' });
    void ask(send, 'watchlist:refreshNow', {}).then(async (answer) => {
      setRefresh(
        answer.ok
          ? { status: 'done', refreshed: answer.refreshed, changed: answer.changed, failed: answer.failed, stoppedBecause: answer.stoppedBecause, stopped: answer.stopped }
          : { status: 'error', message: answer.error.message },
      );
      await reload();
    });
  }, [send, reload]);

  // A refresh already under way when the popup opens is shown, with its Stop.
  useEffect(() => {
    void ask(send, 'watchlist:refreshProgress', {}).then((answer) => {
      if (answer.ok && answer.progress) onRefreshNow();
    });
  }, [send, onRefreshNow]);

  const running = refresh.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void ask(send, 'watchlist:refreshProgress', {}).then((answer) => {
        if (answer.ok && answer.progress) setRefresh((current) => (current.status === 'running' ? { ...current, progress: answer.progress } : current));
      });
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [send, running]);

  const onStopRefresh = useCallback(() => {
    setRefresh((current) => (current.status === 'running' ? { ...current, stopping: true } : current));
    void ask(send, 'watchlist:refreshStop', {});
  }, [send]);

  return { refresh, onRefreshNow, onStopRefresh };
}
