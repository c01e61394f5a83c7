import { createRoot } from 'react-dom/client';
import { NoticePanel } from './NoticePanel';

/**
 * On FTS notice pages, FTS's own JSON views, and pages that republish FTS records with
 * the JSON printed in them: overlay the procurement's timeline in a shadow root.
 */
export default defineContentScript({
  matches: [
    'https://www.find-tender.service.gov.uk/Notice/*',
    'https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/*',
    'https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/*',
    'https://www.find-tender.service.gov.uk/api/latest/*',
    'https://d3tenders.com/contract/*',
  ],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const ui = await createShadowRootUi(ctx, {
      name: 'tender-timeline-panel',
      mode: 'open',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        const root = createRoot(container);
        root.render(<NoticePanel location={new URL(window.location.href)} document={document} />);
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    ui.mount();
  },
});
