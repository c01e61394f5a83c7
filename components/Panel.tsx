import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { FtsProgress } from '../lib/fts/client';
import type { Problem } from '../lib/ocds/problems';
import { isEmptyProcurement } from '../lib/empty-procurement';
import type { Procurement, ProcurementLot } from '../lib/procurement';
import type { Stage } from '../lib/ocds/notice-types';
import type { KeyDateEvent, TimelineEvent } from '../lib/timeline/types';
import type { DetectedChange } from '../lib/watchlist/entry';
import { AwardSummary } from './AwardSummary';
import { ChangeList } from './ChangeList';
import { awardedValue } from '../lib/timeline/awards';
import { keyDateStyle } from '../lib/timeline/key-dates';
import { Countdown } from './Countdown';
import { DateTime, UkTimeNote } from './DateTime';
import { ExternalLink } from './ExternalLink';
import { FtsProgressNote } from './FtsProgressNote';
import { isHttpsHref, valueText } from './format';
import { titleText } from '../lib/watchlist/entry';
import { LongText } from './LongText';
import { KeyDateLots, LotList } from './LotList';
import { MovedNote } from './MovedNote';
import { NewerNoticeBanner } from './NewerNoticeBanner';
import { ProblemsNote } from './ProblemsNote';
import { StageBadge } from './StageBadge';
import { Timeline } from './Timeline';
import { UndoNotice } from './UndoNotice';
import { useUndoUnwatch, type RestoreAnswer } from './use-undo-unwatch';
import { WatchButton } from './WatchButton';
import './theme.css';
import './panel.css';

export type PanelState =
  /** `progress`: how the request to Find a Tender is getting on, when it is one. */
  | { status: 'loading'; progress?: FtsProgress }
  | { status: 'error'; message: string; canRetry: boolean }
  | { status: 'ready'; procurement: Procurement; events: TimelineEvent[]; problems: Problem[]; currentNoticeId?: string; cutOff?: boolean };

export interface PanelProps {
  state: PanelState;
  /** undefined while not known yet. */
  watched: boolean | undefined;
  onWatchToggle(): void;
  /** Undo of an Unwatch pressed here (for `UNDO_MS`): puts the procurement back. Absent: no Undo is offered. */
  onRestore?: (ocid: string) => Promise<RestoreAnswer>;
  /** Why the last Watch or Unwatch did not happen, if it did not. */
  watchError?: string;
  onRetry(): void;
  collapsed: boolean;
  onCollapsedChange(collapsed: boolean): void;
  now: Date;
  /** Changes found since the user last looked at this (watched) procurement. */
  unseenChanges?: DetectedChange[];
  /** "Mark as seen": absent, the changes are listed without the button. */
  onMarkSeen?: () => void;
  /** Counts the user's requests (the keyboard shortcut) to open the panel and focus it: each new value moves the focus to its Hide button. */
  focusRequest?: number;
  /** The window is too narrow for the page and the panel side by side: the open panel covers the page, and says so. */
  coversPage?: boolean;
}

const PRODUCT = 'Tender Timeline';
const COVERS_PAGE_TEXT = 'The panel covers the page: this window is too narrow for both side by side. Hide it to read the notice.';

/** The submission portal: the address as a link (only when lib gave an https URL), the rest as text. */
function Submission({ submission }: { submission: Procurement['submission'] }) {
  if (!submission) return <>Not given in the notice</>;
  const { text, url } = submission;
  if (!isHttpsHref(url)) return <>{text}</>;
  const first = text.split(/\s+/)[0] ?? '';
  if (first && text.startsWith(first) && first !== text) {
    return (
      <>
        <ExternalLink href={url}>{first}</ExternalLink> {text.slice(first.length).trim()}
      </>
    );
  }
  return <ExternalLink href={url}>{text}</ExternalLink>;
}

function Contact({ buyer }: { buyer: Procurement['buyer'] }) {
  const contact = buyer?.contact;
  if (!contact || !(contact.name || contact.email || contact.telephone || contact.url)) return <>Not given in the notice</>;
  return (
    <ul className="tt-plain-list">
      {contact.name ? <li>{contact.name}</li> : null}
      {contact.email ? (
        <li>
          <span className="tt-secondary">Email: </span>
          <span className="tt-selectable">{contact.email}</span>
        </li>
      ) : null}
      {contact.telephone ? (
        <li>
          <span className="tt-secondary">Telephone: </span>
          <span className="tt-selectable">{contact.telephone}</span>
        </li>
      ) : null}
      {isHttpsHref(contact.url) ? (
        <li>
          <ExternalLink href={contact.url}>Buyer's website</ExternalLink>
        </li>
      ) : null}
    </ul>
  );
}

function Documents({ documents }: { documents: Procurement['documents'] }) {
  if (documents.length === 0) return <>None listed</>;
  return (
    <ul className="tt-plain-list">
      {documents.map((doc, index) => (
        <li key={doc.id ?? index}>
          <ExternalLink href={doc.url}>{doc.title}</ExternalLink>
        </li>
      ))}
    </ul>
  );
}

/** The procurement's value; where its notices give none, what was awarded, said to be that. */
function ValueRow({ procurement }: { procurement: Pick<Procurement, 'value' | 'awards'> }) {
  const { net, gross } = procurement.value;
  const awarded = net || gross ? undefined : awardedValue(procurement.awards);
  return (
    <div className="tt-facts__row">
      <dt>{awarded ? 'Awarded value' : 'Value'}</dt>
      <dd>{awarded ? `${valueText(awarded.value)}${awarded.awards > 1 ? `, ${awarded.awards} awards in all` : ''}` : valueText(procurement.value)}</dd>
    </div>
  );
}

/** Why nothing is next, when the procurement itself says so. */
const NOTHING_NEXT: Partial<Record<Stage, string>> = {
  cancelled: 'Nothing is coming up: this procurement was cancelled.',
  termination: 'Nothing is coming up: the contract was terminated.',
  award: 'Nothing is coming up: the contract was awarded.',
  contract: 'Nothing is coming up: the contract was awarded.',
};

function NextUp({ events, now, stage, lots }: { events: TimelineEvent[]; now: Date; stage: Stage; lots: readonly ProcurementLot[] }) {
  const next = events.filter((e): e is KeyDateEvent => e.kind === 'keyDate' && e.status === 'next');
  if (next.length === 0) return <p className="tt-secondary">{NOTHING_NEXT[stage] ?? 'No upcoming key dates.'}</p>;
  return (
    <ul className="tt-next">
      {next.map((event) => (
        <li key={event.id} className="tt-next__item">
          <p className="tt-next__label">{event.label}</p>
          <p className="tt-next__when">
            <DateTime at={event.at} style={keyDateStyle(event.type, event.dateOnly)} />
            <Countdown now={now} at={event.at} type={event.type} dateOnly={event.dateOnly} separator=" — " />
          </p>
          <MovedNote keyDate={event} />
          <KeyDateLots ids={event.lots} lots={lots} className="tt-next__detail tt-secondary" />
          {event.note ? <LongText className="tt-next__detail tt-secondary" text={event.note} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** "Changed since you last looked": what the background found when it read the procurement again. */
function UnseenChanges({ changes, onMarkSeen }: { changes: DetectedChange[]; onMarkSeen?: () => void }) {
  const headingId = useId();
  return (
    <section className="tt-seen" aria-labelledby={headingId}>
      <h3 className="tt-seen__heading" id={headingId}>
        Changed since you last looked
      </h3>
      <ChangeList changes={changes} label="What changed since you last looked" />
      {onMarkSeen ? (
        <button type="button" className="tt-button tt-button--small" onClick={onMarkSeen}>
          Mark as seen
        </button>
      ) : null}
    </section>
  );
}

/** A read that found no procurement (cut off or empty): an error, what could not be read, and Retry; nothing to watch. */
function Unreadable({ problems, cutOff, onRetry }: { problems: Problem[]; cutOff?: boolean; onRetry(): void }) {
  return (
    <div className="tt-panel__message tt-panel__message--error" role="alert">
      <p>{cutOff ? "This notice's data arrived cut off before anything that says which procurement it is, so it could not be read." : "This notice's data could not be read: it holds no title, buyer, notice or date."}</p>
      <ProblemsNote problems={problems} />
      <RetryButton onRetry={onRetry} />
    </div>
  );
}

function RetryButton({ onRetry }: { onRetry(): void }) {
  return (
    <button type="button" className="tt-button tt-button--secondary" onClick={onRetry}>
      Retry
    </button>
  );
}

function Ready({
  state,
  watched,
  onWatchToggle,
  onRestore,
  watchError,
  onRetry,
  now,
  unseenChanges,
  onMarkSeen,
}: { state: Extract<PanelState, { status: 'ready' }> } & Pick<PanelProps, 'watched' | 'onWatchToggle' | 'onRestore' | 'watchError' | 'onRetry' | 'now' | 'unseenChanges' | 'onMarkSeen'>) {
  const { procurement, events, problems, currentNoticeId, cutOff } = state;
  const ids = { next: useId(), act: useId(), timeline: useId() };
  // After Unwatch here, the Watch button stays (it reads "Watch procurement"): the focus stays on it, and comes back to it from Undo.
  const undo = useUndoUnwatch(onRestore);
  const watchRef = useRef<HTMLButtonElement>(null);
  const title = titleText(procurement.title);
  // Watched again some other way (Watch here, or Undo in another view): nothing left to undo here.
  const { clear } = undo;
  const undoPhase = undo.state?.phase;
  useEffect(() => {
    if (watched && (undoPhase === 'removed' || undoPhase === 'expired' || undoPhase === 'failed')) clear();
  }, [watched, undoPhase, clear]);
  if (isEmptyProcurement(procurement)) return <Unreadable problems={problems} cutOff={cutOff} onRetry={onRetry} />;
  // After an award there is nothing to submit: the row is left out unless the notice gives it.
  const showSubmission = procurement.submission !== undefined || procurement.awards.length === 0;
  return (
    <>
      <NewerNoticeBanner procurement={procurement} noticeId={currentNoticeId} />
      <div className="tt-summary">
        <StageBadge stage={procurement.stage} />
        <h2 className="tt-summary__title">{title}</h2>
        <p className="tt-summary__buyer">{procurement.buyer?.name ?? 'Buyer not named'}</p>
        <dl className="tt-facts">
          <ValueRow procurement={procurement} />
          {procurement.procedure ? (
            <div className="tt-facts__row">
              <dt>Procedure</dt>
              <dd>{procurement.procedure}</dd>
            </div>
          ) : null}
        </dl>
        <WatchButton watched={watched} onToggle={onWatchToggle} buttonRef={watchRef} onRemoved={onRestore ? () => undo.removed(procurement.ocid, title) : undefined} />
        {onRestore ? <UndoNotice state={undo.state} onUndo={undo.undo} returnFocus={() => watchRef.current} /> : null}
        {watchError ? (
          <p className="tt-watch-error" role="alert">
            {watchError}
          </p>
        ) : null}
        {watched && unseenChanges && unseenChanges.length > 0 ? <UnseenChanges changes={unseenChanges} onMarkSeen={onMarkSeen} /> : null}
        <ProblemsNote problems={problems} cutOff={cutOff} />
        {cutOff ? <RetryButton onRetry={onRetry} /> : null}
        <UkTimeNote />
      </div>

      <section className="tt-section" aria-labelledby={ids.next}>
        <h3 className="tt-section__heading" id={ids.next}>
          Next up
        </h3>
        <NextUp events={events} now={now} stage={procurement.stage} lots={procurement.lots} />
      </section>

      <AwardSummary awards={procurement.awards} lots={procurement.lots} keyDates={procurement.keyDates} />

      <section className="tt-section" aria-labelledby={ids.act}>
        <h3 className="tt-section__heading" id={ids.act}>
          Where to act
        </h3>
        <dl className="tt-facts tt-facts--stacked">
          {showSubmission ? (
            <div className="tt-facts__row">
              <dt>Submission</dt>
              <dd>
                <Submission submission={procurement.submission} />
              </dd>
            </div>
          ) : null}
          <div className="tt-facts__row">
            <dt>Buyer contact</dt>
            <dd>
              <Contact buyer={procurement.buyer} />
            </dd>
          </div>
          <div className="tt-facts__row">
            <dt>Documents</dt>
            <dd>
              <Documents documents={procurement.documents} />
            </dd>
          </div>
        </dl>
      </section>

      <LotList lots={procurement.lots} />

      <section className="tt-section" aria-labelledby={ids.timeline}>
        <h3 className="tt-section__heading" id={ids.timeline}>
          Timeline
        </h3>
        {events.length === 0 ? (
          <p className="tt-secondary">No dated notices or key dates in the data.</p>
        ) : (
          <Timeline events={events} now={now} currentNoticeId={currentNoticeId} lots={procurement.lots} />
        )}
      </section>
    </>
  );
}

/**
 * The overlay beside an FTS notice. Fed by props only: no browser API, fetching or storage
 * here, so the content script owns all of that and this renders the same in tests.
 */
export function Panel({ state, watched, onWatchToggle, onRestore, watchError, onRetry, collapsed, onCollapsedChange, now, unseenChanges, onMarkSeen, focusRequest = 0, coversPage = false }: PanelProps) {
  const bodyId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const tabRef = useRef<HTMLButtonElement>(null);
  // Move focus only after the user toggled here, never when the page collapses the panel.
  const userToggled = useRef(false);
  useEffect(() => {
    if (!userToggled.current) return;
    userToggled.current = false;
    (collapsed ? tabRef : toggleRef).current?.focus();
  }, [collapsed]);
  useEffect(() => {
    if (focusRequest > 0) toggleRef.current?.focus();
  }, [focusRequest]);
  const toggle = (next: boolean) => {
    userToggled.current = true;
    onCollapsedChange(next);
  };
  // Escape anywhere in the open panel collapses it; the focus goes to the tab.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    toggle(true);
  };

  if (collapsed) {
    return (
      <aside className="tt-root tt-panel tt-panel--collapsed" aria-label={PRODUCT}>
        <button ref={tabRef} type="button" className="tt-panel__tab" aria-expanded={false} onClick={() => toggle(false)}>
          {PRODUCT}
        </button>
      </aside>
    );
  }

  return (
    <aside className="tt-root tt-panel" aria-label={PRODUCT} onKeyDown={onKeyDown}>
      <div className="tt-panel__bar">
        {/* Its name is its visible text, "Tender Timeline Hide" (WCAG 2.5.3): the arrow alone is hidden. */}
        <button ref={toggleRef} type="button" className="tt-panel__toggle" aria-expanded={true} aria-controls={bodyId} onClick={() => toggle(true)}>
          <span className="tt-panel__brand">{PRODUCT}</span>{' '}
          <span className="tt-panel__hide">
            Hide<span aria-hidden="true"> ›</span>
          </span>
        </button>
      </div>
      {coversPage ? <p className="tt-panel__covers">{COVERS_PAGE_TEXT}</p> : null}
      {/* Out of the tab order: Firefox would otherwise stop on the scrolling box itself; Tab reaches everything in it. */}
      <div className="tt-panel__body" id={bodyId} tabIndex={-1}>
        {state.status === 'loading' ? (
          <div className="tt-panel__message" role="status">
            <FtsProgressNote progress={state.progress} fallback="Loading the procurement's timeline…" />
          </div>
        ) : state.status === 'error' ? (
          <div className="tt-panel__message tt-panel__message--error" role="alert">
            <p>{state.message}</p>
            {state.canRetry ? <RetryButton onRetry={onRetry} /> : null}
          </div>
        ) : (
          <Ready state={state} watched={watched} onWatchToggle={onWatchToggle} onRestore={onRestore} watchError={watchError} onRetry={onRetry} now={now} unseenChanges={unseenChanges} onMarkSeen={onMarkSeen} />
        )}
      </div>
    </aside>
  );
}
