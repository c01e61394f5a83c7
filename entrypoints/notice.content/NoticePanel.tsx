import { useCallback, useEffect, useState } from 'react';
import { Panel, type PanelState } from '@/components/Panel';
import { noticeIdFromUrl, procurementPageOcid } from '@/lib/fts/urls';
import { ask, isOpenPanelMessage, WATCH_CHANGE_KEY, type WatchChange } from '@/lib/messages';
import type { PageDocument } from '@/lib/page/find-ocds';
import type { DetectedChange } from '@/lib/watchlist/entry';
import { send } from '../popup/send';
import { load, type LoadAnswer } from './load';
import { hasRoomBesidePage, usePageRoom } from './page-room';

// storage.local directly, not WXT's storage helper: the content script is kept small.
const COLLAPSED_KEY = 'panelCollapsed';
/** How often a read under way is asked how it is getting on. */
const PROGRESS_POLL_MS = 1000;

/** What the panel shows for an answer of the background. */
function panelStateOf(answer: LoadAnswer, location: URL): PanelState {
  if (!answer.ok) return { status: 'error', message: answer.error.message, canRetry: answer.error.canRetry };
  return { status: 'ready', procurement: answer.procurement, events: answer.events, problems: answer.problems, currentNoticeId: noticeIdFromUrl(location), cutOff: answer.completeness === 'cut-off' };
}

const ocidOf = (answer: LoadAnswer | undefined) => (answer?.ok ? answer.procurement.ocid : undefined);

/**
 * `firstAnswer` is the first load, started before the panel was mounted, and `answered` its
 * answer when it came before the panel was drawn: then the panel is drawn once, with it.
 * Retry loads again.
 */
export function NoticePanel({ location, document: doc, firstAnswer, answered }: { location: URL; document: PageDocument; firstAnswer: Promise<LoadAnswer>; answered?: LoadAnswer }) {
  const [state, setState] = useState<PanelState>(() => (answered ? panelStateOf(answered, location) : { status: 'loading' }));
  const [ocid, setOcid] = useState<string | undefined>(() => ocidOf(answered));
  const [watched, setWatched] = useState<boolean>();
  const [watchError, setWatchError] = useState<string>();
  const [unseenChanges, setUnseenChanges] = useState<DetectedChange[]>([]);
  // In a window too narrow for the page and the panel side by side, the panel starts as a tab.
  const [collapsed, setCollapsed] = useState(() => !hasRoomBesidePage(window));
  // The page narrows only once the remembered choice is known: a panel the user collapsed does not shift the page on every load.
  const [choiceRead, setChoiceRead] = useState(false);
  const { coversPage } = usePageRoom(window, choiceRead && !collapsed);
  const [attempt, setAttempt] = useState(0);
  const [now, setNow] = useState(() => new Date());
  const [focusRequest, setFocusRequest] = useState(0);


  // While FTS is being read, ask how the request is getting on (the countdown runs in the panel).
  const loading = state.status === 'loading';
  const noticeId = noticeIdFromUrl(location);
  const pageOcid = procurementPageOcid(location)?.ocid;
  useEffect(() => {
    const which = noticeId ? { noticeId } : pageOcid ? { ocid: pageOcid } : undefined;
    if (!loading || !which) return;
    const timer = setInterval(() => {
      void ask(send, 'timeline:progress', which).then((answer) => {
        if (answer.ok) setState((current) => (current.status === 'loading' ? { status: 'loading', progress: answer.progress } : current));
      });
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [loading, noticeId, pageOcid]);

  useEffect(() => {
    if (attempt === 0 && answered) {
      performance.mark('tender-timeline:panel-answer'); // scripts/bench-extension.ts
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    void (attempt === 0 ? firstAnswer : load(location, doc)).then((answer) => {
      if (!live) return;
      performance.mark('tender-timeline:panel-answer'); // scripts/bench-extension.ts
      setNow(new Date());
      setState(panelStateOf(answer, location));
      setOcid((current) => ocidOf(answer) ?? current);
    });
    return () => {
      live = false;
    };
  }, [location, doc, attempt, firstAnswer, answered]);

  // The remembered choice wins, except that a narrow window starts with the tab.
  useEffect(() => {
    void browser.storage.local
      .get(COLLAPSED_KEY)
      .then((stored) => {
        if (hasRoomBesidePage(window)) setCollapsed(stored[COLLAPSED_KEY] === true);
      })
      .finally(() => setChoiceRead(true));
  }, []);

  useEffect(() => {
    if (!ocid) return;
    let live = true;
    void ask(send, 'watchlist:status', { ocid }).then((answer) => {
      if (live && answer.ok) {
        setWatched(answer.watched);
        setUnseenChanges(answer.unseenChanges ?? []);
      }
    });
    const onStorageChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = area === 'local' ? (changes[WATCH_CHANGE_KEY]?.newValue as WatchChange | undefined) : undefined;
      if (!change?.ocids.includes(ocid)) return;
      setWatched(change.watched);
      if (!change.watched) setUnseenChanges([]);
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onStorageChanged);
    };
  }, [ocid]);

  const onWatchToggle = useCallback(() => {
    if (!ocid || watched === undefined) return;
    const wasWatched = watched;
    setWatched(undefined);
    setWatchError(undefined);
    const request = wasWatched
      ? ask(send, 'watchlist:unwatch', { ocid })
      : ask(send, 'watchlist:watch', { ocid, noticeId: noticeIdFromUrl(location), pageUrl: location.href });
    void request.then((answer) => {
      setWatched(answer.ok ? answer.watched : wasWatched);
      setWatchError(answer.ok ? undefined : answer.error.message);
    });
  }, [ocid, watched, location]);

  // Undo of an Unwatch pressed in the panel: the entry comes back with its unseen changes.
  const onRestore = useCallback(async (restoredOcid: string) => {
    setWatchError(undefined);
    const answer = await ask(send, 'watchlist:restore', { ocid: restoredOcid });
    if (!answer.ok) return answer;
    setWatched(true);
    const status = await ask(send, 'watchlist:status', { ocid: restoredOcid });
    if (status.ok) setUnseenChanges(status.unseenChanges);
    return answer;
  }, []);

  const onCollapsedChange = useCallback((value: boolean) => {
    setCollapsed(value);
    void browser.storage.local.set({ [COLLAPSED_KEY]: value });
  }, []);

  // The keyboard shortcut, by way of the background: open the panel (remembered, as a click on
  // its tab is) and put the focus in it.
  useEffect(() => {
    const onMessage = (message: unknown) => {
      if (!isOpenPanelMessage(message)) return;
      onCollapsedChange(false);
      setFocusRequest((n) => n + 1);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [onCollapsedChange]);

  const onRetry = useCallback(() => setAttempt((n) => n + 1), []);

  const onMarkSeen = useCallback(() => {
    if (!ocid) return;
    const before = unseenChanges;
    setUnseenChanges([]);
    void ask(send, 'watchlist:markSeen', { ocid }).then((answer) => {
      if (!answer.ok) setUnseenChanges(before);
    });
  }, [ocid, unseenChanges]);

  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready) performance.mark('tender-timeline:panel-ready'); // scripts/bench-extension.ts
  }, [ready]);

  return (
    <Panel
      state={state}
      watched={watched}
      onWatchToggle={onWatchToggle}
      onRestore={onRestore}
      watchError={watchError}
      onRetry={onRetry}
      collapsed={collapsed}
      onCollapsedChange={onCollapsedChange}
      now={now}
      unseenChanges={unseenChanges}
      onMarkSeen={onMarkSeen}
      focusRequest={focusRequest}
      coversPage={coversPage}
    />
  );
}
