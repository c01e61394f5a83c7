import { formatDate } from '../lib/dates';
import { isAhead, keyDateStyle, VOID_TEXT } from '../lib/timeline/key-dates';
import type { ProcurementLot } from '../lib/procurement';
import type { AmendmentEvent, KeyDateEvent, NoticeEvent, TimelineEvent } from '../lib/timeline/types';
import { ChangeList } from './ChangeList';
import { Countdown } from './Countdown';
import { DateTime } from './DateTime';
import { ExternalLink } from './ExternalLink';
import { LongText } from './LongText';
import { KeyDateLots } from './LotList';
import { MovedNote } from './MovedNote';

interface Props {
  events: TimelineEvent[];
  now: Date;
  /** The notice whose page the user is on. */
  currentNoticeId?: string;
  /** The procurement's lots, to name those a key date is for. */
  lots?: readonly ProcurementLot[];
}

function NoticeBody({ event, current, showChanges }: { event: NoticeEvent; current: boolean; showChanges: boolean }) {
  return (
    <>
      <p className="tt-event__label">
        {event.noticeName}
        {current ? <strong className="tt-tag tt-tag--blue tt-event__here">You are here</strong> : null}
      </p>
      <p className="tt-event__detail">
        <ExternalLink href={event.url}>Notice {event.noticeId}</ExternalLink>
      </p>
      {showChanges ? <ChangeList changes={event.changes} label="What changed" /> : null}
    </>
  );
}

function AmendmentBody({ event }: { event: AmendmentEvent }) {
  return (
    <>
      <p className="tt-event__label">{event.label}</p>
      {event.description ? <LongText className="tt-event__detail" text={event.description} /> : null}
      <ChangeList changes={event.changes} label="What changed" />
    </>
  );
}

function KeyDateBody({ event, lots }: { event: KeyDateEvent; lots: readonly ProcurementLot[] }) {
  return (
    <>
      <p className="tt-event__label">
        {event.status === 'void' ? (
          <>
            <s className="tt-event__void-label">{event.label}</s> <strong className="tt-tag tt-tag--grey tt-event__void">{VOID_TEXT}</strong>
          </>
        ) : (
          event.label
        )}
      </p>
      {event.status !== 'void' ? <MovedNote keyDate={event} /> : null}
      <KeyDateLots ids={event.lots} lots={lots} className="tt-event__detail" />
      {event.note ? <LongText className="tt-event__detail" text={event.note} /> : null}
    </>
  );
}

/** Every notice, amendment and key date in time order, with "Today" between past and future. */
export function Timeline({ events, now, currentNoticeId, lots = [] }: Props) {
  const nowMs = now.getTime();
  const amended = new Set(events.filter((e) => e.kind === 'amendment').map((e) => e.noticeId));
  // A key date is ahead until it has passed (a day published without a time, until that day ends).
  const firstFuture = events.findIndex((e) => (e.kind === 'keyDate' ? isAhead(e, now) : Date.parse(e.at) > nowMs));
  const todayIndex = firstFuture === -1 ? events.length : firstFuture;
  const today = (
    <li key="tt-today" className="tt-today">
      <span className="tt-today__label">
        Today, <time dateTime={now.toISOString()}>{formatDate(now)}</time>
      </span>
    </li>
  );

  const items = events.map((event, index) => {
    const past = index < todayIndex;
    const current = event.kind === 'notice' && currentNoticeId !== undefined && event.noticeId === currentNoticeId;
    const classes = ['tt-event', `tt-event--${event.kind}`, past ? 'tt-event--past' : 'tt-event--future'];
    if (current) classes.push('tt-event--current');
    if (event.kind === 'keyDate' && (event.status === 'next' || event.status === 'void')) classes.push(`tt-event--${event.status}`);
    return (
      <li key={event.id} className={classes.join(' ')} data-kind={event.kind} aria-current={current ? 'page' : undefined}>
        <p className="tt-event__when">
          {event.kind === 'keyDate' ? (
            <>
              <DateTime at={event.at} style={keyDateStyle(event.type, event.dateOnly)} />
              {event.status !== 'void' ? <Countdown now={now} at={event.at} type={event.type} dateOnly={event.dateOnly} separator=" — " /> : null}
            </>
          ) : (
            <DateTime at={event.at} />
          )}
        </p>
        {event.kind === 'notice' ? (
          <NoticeBody event={event} current={current} showChanges={!amended.has(event.noticeId)} />
        ) : event.kind === 'amendment' ? (
          <AmendmentBody event={event} />
        ) : (
          <KeyDateBody event={event} lots={lots} />
        )}
      </li>
    );
  });
  items.splice(todayIndex, 0, today);

  return <ol className="tt-timeline">{items}</ol>;
}
