import { createRoot } from 'react-dom/client';
import detailsCss from '@/components/details.css?inline';
import panelCss from '@/components/panel.css?inline';
import themeCss from '@/components/theme.css?inline';
import undoNoticeCss from '@/components/undo-notice.css?inline';
import { load, type LoadAnswer } from './load';
import { mountPanelRoot } from './mount';
import { NoticePanel } from './NoticePanel';
import { acceptOnlyTrustedInput, ignoreRetirementByThePage } from './trusted-events';

/** The panel is drawn once, with the answer; "loading" is drawn first only when the answer takes longer than this. */
const LOADING_AFTER_MS = 300;

const answerWithin = (answer: Promise<LoadAnswer>, ms: number) =>
  Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(resolve, ms, undefined))]);

/**
 * On FTS notice and procurement pages, FTS's own JSON views, and pages that republish FTS records with
 * the JSON printed in them: overlay the procurement's timeline in a shadow root.
 *
 * The root is closed and takes only trusted input: the page's own scripts can neither read
 * the panel (the watch state, the changes since the user last looked) nor press its buttons.
 * Nothing else reaches the page: no attribute or text on the host, no global, no message;
 * and the page cannot make the panel remove itself.
 */
export default defineContentScript({
  matches: [
    'https://www.find-tender.service.gov.uk/Notice/*',
    'https://www.find-tender.service.gov.uk/procurement/*',
    'https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/*',
    'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/*',
    'https://www.find-tender.service.gov.uk/api/latest/*',
    'https://d3tenders.com/contract/*',
  ],
  // The panel's styles travel inside the script, into its shadow root: no file of the
  // extension is web-accessible, so no site can load one (or tell that it is installed).
  cssInjectionMode: 'manual',
  // WXT's "script started" note to newer copies of this script goes by a DOM event only, not
  // also by window.postMessage, which every script of the page receives.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    performance.mark('tender-timeline:content-start'); // scripts/bench-extension.ts
    // The event's name is WXT's (private in its types, so read through a cast). Chrome leaves
    // an updated extension's old scripts running without a runtime id.
    const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    ignoreRetirementByThePage(started, () => browser.runtime?.id != null);
    // Ask for the data at once, and draw the panel when it comes (or says it is on its way).
    const location = new URL(window.location.href);
    const firstAnswer = load(location, document);
    const answered = await answerWithin(firstAnswer, LOADING_AFTER_MS);
    if (ctx.isInvalid) return;
    const panel = mountPanelRoot(document, 'tender-timeline-panel', `${themeCss}\n${panelCss}\n${detailsCss}\n${undoNoticeCss}`);
    acceptOnlyTrustedInput(panel.shadow);
    const root = createRoot(panel.container);
    root.render(<NoticePanel location={location} document={document} firstAnswer={firstAnswer} answered={answered} />);
    ctx.onInvalidated(() => {
      root.unmount();
      panel.remove();
    });
  },
});
