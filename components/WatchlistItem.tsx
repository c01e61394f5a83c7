import { memo, useId, useState } from 'react';
import { formatMoment } from '../lib/dates';
import { keyDateLabel, keyDateStyle } from '../lib/timeline/key-dates';
import { BID_STATUS_LABELS, type WatchlistRow } from '../lib/watchlist/entry';
import { ChangeList } from './ChangeList';
import { Countdown } from './Countdown';
import { DateTime } from './DateTime';
import { MovedNote } from './MovedNote';
import { NotesForm, type UserFieldsUpdate } from './NotesForm';
import { RowActions } from './RowActions';
import { valueText } from './format';
import { StageBadge } from './StageBadge';

export interface ItemProps {
  row: WatchlistRow;
  now: Date;
  onOpen(row: WatchlistRow): void;
  onUnwatch(ocid: string): void;
  /** Absent: the row has no "Your notes" section. */
  onUpdate?: (ocid: string, fields: UserFieldsUpdate) => void;
  /** Absent: no "Add to calendar". */
  onAddToCalendar?: (ocid: string) => void;
}

/** Unseen changes shown in the row's details; the rest behind "N more changes". */
const CHANGES_SHOWN = 3;
const NOTE_PREVIEW_CHARS = 140;

function CheckedAt({ at }: { at: string }) {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return null;
  return <time dateTime={instant.toISOString()}>{formatMoment(instant)}</time>;
}

function notePreview(note: string): string {
  const line = note.trim().replace(/\s+/g, ' ');
  return line.length > NOTE_PREVIEW_CHARS ? `${line.slice(0, NOTE_PREVIEW_CHARS - 1).trimEnd()}…` : line;
}

/** The title, a link when the row has a page to open; the click goes through onOpen, which also marks the changes seen. */
function RowTitle({ row, onOpen }: Pick<ItemProps, 'row' | 'onOpen'>) {
  return (
    <h2 className="tt-row__title">
      {row.url ? (
        <a
          className="tt-link"
          href={row.url}
          onClick={(event) => {
            event.preventDefault();
            onOpen(row);
          }}
        >
          {row.title}
        </a>
      ) : (
        row.title
      )}
    </h2>
  );
}

/** The buyer; "Changed" when there are unseen changes; the user's bid status when they have set one ("Watching" is every row's start). */
function BuyerLine({ row }: { row: WatchlistRow }) {
  if (!row.buyer && row.bidStatus === 'watching' && row.unseenChanges.length === 0) return null;
  return (
    <p className="tt-row__line">
      <span className="tt-row__buyer">{row.buyer}</span>
      {row.unseenChanges.length > 0 ? <strong className="tt-flag">Changed</strong> : null}
      {row.bidStatus !== 'watching' ? <strong className={`tt-bid tt-bid--${row.bidStatus}`}>{BID_STATUS_LABELS[row.bidStatus]}</strong> : null}
    </p>
  );
}

/** The next key date with its countdown; a date brought forward says so here too (it is urgent). */
function NextKeyDate({ row, now }: Pick<ItemProps, 'row' | 'now'>) {
  const next = row.next;
  return (
    <>
      <p className="tt-row__next">
        {next ? (
          <>
            <span className="tt-row__next-label">{keyDateLabel(next)}</span> <DateTime at={next.at} style={keyDateStyle(next.type, next.dateOnly)} />
            <Countdown now={now} at={next.at} type={next.type} dateOnly={next.dateOnly} separator=" — " />
          </>
        ) : (
          <span className="tt-secondary">No upcoming dates</span>
        )}
      </p>
      {next?.moved?.broughtForward ? <MovedNote keyDate={next} className="tt-row__moved" /> : null}
    </>
  );
}

function UnseenChanges({ row }: { row: WatchlistRow }) {
  if (row.unseenChanges.length === 0) return null;
  return (
    <div className="tt-row__changed">
      <p className="tt-row__changed-title">
        <strong>Changed</strong> since you last looked:
      </p>
      <ChangeList changes={row.unseenChanges} label={`Changes to ${row.title}`} limit={CHANGES_SHOWN} />
    </div>
  );
}

/** The user's own tags and note, as set (the bid status is in the row itself). */
function Yours({ row }: { row: WatchlistRow }) {
  const preview = notePreview(row.note);
  if (row.tags.length === 0 && !preview) return null;
  return (
    <div className="tt-row__yours">
      {row.tags.length > 0 ? (
        <ul className="tt-row__tags" aria-label="Tags">
          {row.tags.map((tag) => (
            <li key={tag} className="tt-chip">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      {preview ? <p className="tt-row__note">{preview}</p> : null}
    </div>
  );
}

function CheckState({ row }: { row: WatchlistRow }) {
  return (
    <>
      {row.lastCheckedAt ? (
        <p className="tt-row__checked">
          Last checked <CheckedAt at={row.lastCheckedAt} />
        </p>
      ) : null}
      {row.lastCheckError ? (
        <p className="tt-row__check-error">
          <strong>Last check failed:</strong> {row.lastCheckError} Showing the data last read.
        </p>
      ) : null}
    </>
  );
}

/** What a row shows once its details are open: what changed, the rest of the procurement, the user's own fields, and what can be done with it. */
function RowDetails({ row, onUnwatch, onUpdate, onAddToCalendar }: Omit<ItemProps, 'now' | 'onOpen'>) {
  const [notesOpen, setNotesOpen] = useState(false);
  const notesId = useId();
  const title = row.title;
  return (
    <>
      {row.next && !row.next.moved?.broughtForward ? <MovedNote keyDate={row.next} /> : null}
      <UnseenChanges row={row} />
      <p className="tt-row__meta">
        <StageBadge stage={row.stage} /> <span className="tt-row__value">Value: {valueText(row.value)}</span>
      </p>
      <Yours row={row} />
      <CheckState row={row} />
      <div className="tt-row__actions">
        {onUpdate ? (
          <button
            type="button"
            className="tt-link-button tt-row__notes-toggle"
            aria-expanded={notesOpen}
            aria-controls={notesOpen ? notesId : undefined}
            aria-label={`Your notes on ${title}`}
            onClick={() => setNotesOpen((open) => !open)}
          >
            Your notes
          </button>
        ) : null}
        <RowActions row={row} onUnwatch={onUnwatch} onAddToCalendar={onAddToCalendar} unwatchClassName="tt-row__unwatch" />
      </div>
      {onUpdate && notesOpen ? <NotesForm id={notesId} row={row} onUpdate={onUpdate} /> : null}
    </>
  );
}

/**
 * One watched procurement in the popup: a compact row (title, buyer, bid status, "Changed",
 * the next key date and its countdown) and, behind its Details button, everything else
 * (and the whole title, where the row cuts it).
 * Memoised: it re-renders only when its row or `now` changes.
 */
export const WatchlistItem = memo(function WatchlistItem({ row, now, onOpen, ...details }: ItemProps) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <li className={`tt-row${row.unseenChanges.length > 0 ? ' tt-row--changed' : ''}${open ? ' tt-row--open' : ''}`}>
      <div className="tt-row__summary">
        <RowTitle row={row} onOpen={onOpen} />
        <BuyerLine row={row} />
        <NextKeyDate row={row} now={now} />
      </div>
      <button type="button" className="tt-link-button tt-row__toggle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((was) => !was)}>
        Details<span className="tt-visually-hidden"> of {row.title}</span>
      </button>
      <div className="tt-row__details" id={detailsId} hidden={!open}>
        {open ? <RowDetails row={row} {...details} /> : null}
      </div>
    </li>
  );
});
