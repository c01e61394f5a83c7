import './details.css';
import { formatDate } from '../lib/dates';
import type { Procurement } from '../lib/procurement';
import { newerNotices } from '../lib/timeline/changes';
import { ChangeList } from './ChangeList';
import { ExternalLink } from './ExternalLink';

/**
 * Said first when the notice open is an old version: FTS publishes an edit as a new notice
 * at a new address, and the old one stays online (people reach it from emails and search).
 */
export function NewerNoticeBanner({ procurement, noticeId }: { procurement: Pick<Procurement, 'notices'>; noticeId: string | undefined }) {
  const newer = noticeId === undefined ? undefined : newerNotices(procurement, noticeId);
  if (!newer) return null;
  const { latest, count, changes } = newer;
  const on = latest.publishedAt ? ` on ${formatDate(new Date(latest.publishedAt))}` : '';
  const heading = count === 1 ? `A newer notice was published${on}` : `${count} newer notices were published, the latest${on}`;
  return (
    <div className="tt-newer" role="note" aria-label="This is not the latest notice">
      <p className="tt-newer__heading">
        <strong>{changes.length > 0 ? `${heading}:` : `${heading}.`}</strong>
      </p>
      <ChangeList changes={changes} label="What the newer notices changed" limit={4} />
      <p className="tt-newer__link">
        <ExternalLink href={latest.url}>{`Go to the latest notice: ${latest.name}, ${latest.id}`}</ExternalLink>
      </p>
    </div>
  );
}
