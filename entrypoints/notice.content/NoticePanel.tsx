import { useCallback, useEffect, useState } from 'react';
import { Panel, type PanelState } from '@/components/Panel';
import { isFtsJsonView, noticeIdFromUrl } from '@/lib/fts/urls';
import { ask, WATCH_CHANGE_KEY, type TimelineResponse, type WatchChange } from '@/lib/messages';
import { findOcdsText, type PageDocument } from '@/lib/page/find-ocds';

const send = (message: unknown) => browser.runtime.sendMessage(message);
const collapsedItem = storage.defineItem<boolean>('local:panelCollapsed', { fallback: false });
/** Narrower than this, the panel would cover the notice: it starts as a tab. */
const NARROW_PX = 1100;

function load(location: URL, doc: PageDocument): Promise<TimelineResponse | { ok: false; error: { message: string; canRetry: boolean } }> {
  const noticeId = noticeIdFromUrl(location);
  const text = findOcdsText(doc);
  if (text) return ask(send, 'timeline:fromText', { text, noticeId, pageUrl: location.href });
  if (noticeId && !isFtsJsonView(location)) return ask(send, 'timeline:forNotice', { noticeId });
  return Promise.resolve({ ok: false, error: { message: 'No procurement data was found on this page.', canRetry: false } });
}

export function NoticePanel({ location, document: doc }: { location: URL; document: PageDocument }) {
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [ocid, setOcid] = useState<string>();
  const [watched, setWatched] = useState<boolean>();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < NARROW_PX);
  const [attempt, setAttempt] = useState(0);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void load(location, doc).then((answer) => {
      if (!live) return;
      setNow(new Date());
      if (!answer.ok) {
        setState({ status: 'error', message: answer.error.message, canRetry: answer.error.canRetry });
        return;
      }
      setState({ status: 'ready', procurement: answer.procurement, events: answer.events, problems: answer.problems, currentNoticeId: noticeIdFromUrl(location) });
      setOcid(answer.procurement.ocid);
    });
    return () => {
      live = false;
    };
  }, [location, doc, attempt]);

  // The remembered choice wins, except that a narrow window starts with the tab.
  useEffect(() => {
    void collapsedItem.getValue().then((value) => {
      if (window.innerWidth >= NARROW_PX) setCollapsed(value);
    });
  }, []);

  useEffect(() => {
    if (!ocid) return;
    let live = true;
    void ask(send, 'watchlist:status', { ocid }).then((answer) => {
      if (live && answer.ok) setWatched(answer.watched);
    });
    const unwatchChanges = storage.watch<WatchChange>(`local:${WATCH_CHANGE_KEY}`, (change) => {
      if (change?.ocid === ocid) setWatched(change.watched);
    });
    return () => {
      live = false;
      unwatchChanges();
    };
  }, [ocid]);

  const onWatchToggle = useCallback(() => {
    if (!ocid || watched === undefined) return;
    const wasWatched = watched;
    setWatched(undefined);
    const request = wasWatched
      ? ask(send, 'watchlist:unwatch', { ocid })
      : ask(send, 'watchlist:watch', { ocid, noticeId: noticeIdFromUrl(location), pageUrl: location.href });
    void request.then((answer) => setWatched(answer.ok ? answer.watched : wasWatched));
  }, [ocid, watched, location]);

  const onCollapsedChange = useCallback((value: boolean) => {
    setCollapsed(value);
    void collapsedItem.setValue(value);
  }, []);

  const onRetry = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <Panel
      state={state}
      watched={watched}
      onWatchToggle={onWatchToggle}
      onRetry={onRetry}
      collapsed={collapsed}
      onCollapsedChange={onCollapsedChange}
      now={now}
    />
  );
}
