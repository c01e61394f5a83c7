// First: it marks when the worker's script started.
import { WORKER_MARKS } from '@/lib/worker-start';
import { createFtsClient } from '@/lib/fts/client';
import { OPEN_PANEL_COMMAND, OPEN_PANEL_MESSAGE, watchChange } from '@/lib/messages';
import { changeNotification, dueReminders } from '@/lib/reminders';
import type { CycleReport } from '@/lib/refresh/cycle';
import { createService } from '@/lib/service';
import { openTenderTimelineDB } from '@/lib/watchlist/db';
import { settingsItem } from './popup/settings-item';
import { countUnseen, firedReminderIds, markRemindersFired, pruneCache, pruneFiredReminders } from '@/lib/watchlist/store';
import { entryUrl } from '@/lib/watchlist/entry';


const REFRESH_ALARM = 'refresh';
/** One periodic check drives every reminder (Chrome allows an extension 500 alarms). */
const REMINDER_ALARM = 'reminders';
const REMINDER_CHECK_MINUTES = 15;
/** Notification ids carry the page to open when the user clicks them. */
const NOTIFICATION_PREFIX = 'tt|';
/**
 * In the session's storage once the badge shows the count. The browser keeps the badge while
 * the worker sleeps and clears both together (browser restart, extension reloaded or
 * updated), so a worker woken again does not count the watchlist before its first answer.
 */
const BADGE_SET_KEY = 'badgeSet';

/**
 * The background owns the database and the FTS client. It keeps no state that matters in
 * memory: Chrome may stop this service worker at any moment, Firefox runs it as a page.
 */
export default defineBackground(() => {
  let db: ReturnType<typeof openTenderTimelineDB> | undefined;
  const openDb = () =>
    (db ??= openTenderTimelineDB().catch((error) => {
      db = undefined;
      throw error;
    }));
  // The client sends no cookies (`credentials: 'omit'`) and keeps to FTS's rate limit.
  const client = createFtsClient({ fetch: (url, init) => fetch(url, init) });
  const now = () => new Date();

  /** The toolbar badge counts procurements with unseen changes; it never fails the caller. */
  async function updateBadge(): Promise<void> {
    try {
      const count = await countUnseen(await openDb());
      // Chrome's MV3 `action` is Firefox MV2's `browserAction`.
      const action = browser.action ?? browser.browserAction;
      await action.setBadgeText({ text: count > 0 ? String(count) : '' });
      await action.setBadgeBackgroundColor({ color: '#1d70b8' });
      await browser.storage.session.set({ [BADGE_SET_KEY]: true });
    } catch (error) {
      console.warn('Tender Timeline could not update its badge', error);
    }
  }

  async function notify(id: string, title: string, message: string, url: string | undefined): Promise<void> {
    // The URL is encoded so that a `|` in it cannot cut it short when the id is read back.
    await browser.notifications.create(`${NOTIFICATION_PREFIX}${encodeURIComponent(url ?? '')}|${id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message,
    });
  }

  async function notifyChanges(report: CycleReport): Promise<void> {
    if (!(await settingsItem.getValue()).notifyChanges) return;
    const database = await openDb();
    for (const { ocid, changes } of report.refreshed) {
      if (changes.length === 0) continue;
      const entry = await database.get('watchlist', ocid);
      const url = entry ? entryUrl(entry) : undefined;
      const { title, message } = changeNotification({ ocid, title: entry?.title }, changes);
      await notify(`change|${ocid}|${changes[0]!.foundAt}`, title, message, url);
    }
  }

  // One reminder check at a time, so that two cannot both show a reminder before marking it.
  let checking: Promise<void> | undefined;
  function checkReminders(): Promise<void> {
    checking ??= checkRemindersNow().finally(() => (checking = undefined));
    return checking;
  }

  async function checkRemindersNow(): Promise<void> {
    const database = await openDb();
    const reminders = dueReminders({
      entries: await database.getAll('watchlist'),
      settings: await settingsItem.getValue(),
      fired: await firedReminderIds(database),
      now: now(),
    });
    if (reminders.length === 0) return;
    // Marked first: a reminder shown twice is worse than one lost to a crash in between.
    await markRemindersFired(database, reminders.map((r) => r.id), now());
    for (const reminder of reminders.filter((r) => r.notify)) await notify(reminder.id, 'Tender Timeline reminder', reminder.message, reminder.url);
  }

  async function scheduleAlarms(): Promise<void> {
    const settings = await settingsItem.getValue();
    const refreshMinutes = Math.max(30, Math.round(settings.refreshHours * 60));
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (existing?.periodInMinutes !== refreshMinutes) await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: refreshMinutes, delayInMinutes: 1 });
    if (!(await browser.alarms.get(REMINDER_ALARM))) await browser.alarms.create(REMINDER_ALARM, { periodInMinutes: REMINDER_CHECK_MINUTES, delayInMinutes: 1 });
  }

  const service = createService({
    db: openDb,
    client,
    now,
    // Every open notice page listens to this key, so their Watch buttons follow at once.
    onWatchChange: (ocid, watched) => browser.storage.local.set(watchChange([ocid], watched, now())),
    onWatchlistChanged: async (report) => {
      await updateBadge();
      if (report) await notifyChanges(report);
    },
    getSettings: () => settingsItem.getValue(),
  });

  // The sender's URL is the browser's word for where a message came from, not the message's.
  let answered = false;
  browser.runtime.onMessage.addListener(async (message: unknown, sender) => {
    const answer = await service.handle(message, { url: sender.url });
    if (!answered) performance.mark(WORKER_MARKS.firstAnswer);
    answered = true;
    return answer;
  });

  // The keyboard shortcut: the tab's content script opens its panel and puts the focus in it.
  // A tab without the panel (not an FTS page) has no listener; nothing happens there.
  // Firefox for Android has no commands API.
  browser.commands?.onCommand.addListener(async (command, tab) => {
    if (command !== OPEN_PANEL_COMMAND) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined) await browser.tabs.sendMessage(tabId, OPEN_PANEL_MESSAGE).catch(() => undefined);
  });

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === REFRESH_ALARM) {
      await service.refresh();
      await pruneCache(await openDb(), now());
      await pruneFiredReminders(await openDb(), now());
    }
    if (alarm.name === REFRESH_ALARM || alarm.name === REMINDER_ALARM) await checkReminders();
  });

  browser.notifications.onClicked.addListener(async (notificationId) => {
    if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
    const url = decodeURIComponent(notificationId.slice(NOTIFICATION_PREFIX.length).split('|')[0] ?? '');
    if (url?.startsWith('https://')) await browser.tabs.create({ url });
    await browser.notifications.clear(notificationId);
  });

  settingsItem.watch(() => void scheduleAlarms());
  browser.runtime.onInstalled.addListener(() => void scheduleAlarms());
  browser.runtime.onStartup.addListener(() => void scheduleAlarms());
  void scheduleAlarms();
  void browser.storage.session
    .get(BADGE_SET_KEY)
    .then((stored) => (stored[BADGE_SET_KEY] ? undefined : updateBadge()))
    .catch(() => updateBadge());
});
