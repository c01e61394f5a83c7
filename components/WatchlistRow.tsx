import { memo, useId, useRef, useState, type FormEvent } from 'react';
import { formatMoment } from '../lib/dates';
import { keyDateLabel, keyDateStyle } from '../lib/timeline/key-dates';
import { BID_STATUS_LABELS, BID_STATUSES, entryUrl, nextKeyDate, type BidStatus, type WatchedProcurement } from '../lib/watchlist/entry';
import { ChangeList } from './ChangeList';
import { Countdown } from './Countdown';
import { DateTime } from './DateTime';
import { MovedNote } from './MovedNote';
import { titleText, valueText } from './format';
import { StageBadge } from './StageBadge';
import { MAX_NOTE_LENGTH, parseTags, sameTags } from './watchlist-tools';

/** The user's own fields of a watched procurement, as 'watchlist:update' takes them. */
export interface UserFieldsUpdate {
  note?: string;
  tags?: string[];
  bidStatus?: BidStatus;
}

export interface RowProps {
  entry: WatchedProcurement;
  now: Date;
  onOpen(entry: WatchedProcurement): void;
  onUnwatch(ocid: string): void;
  /** Absent: the row has no "Your notes" section. */
  onUpdate?: (ocid: string, fields: UserFieldsUpdate) => void;
  /** Absent: no "Add to calendar". */
  onAddToCalendar?: (ocid: string) => void;
}

/** Unseen changes shown in the row; the rest behind "N more changes". */
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

/** Bid status (saved at once), tags and note (saved with Save, or on leaving the box). */
function NotesForm({ id, entry, title, onUpdate }: { id: string; entry: WatchedProcurement; title: string; onUpdate: NonNullable<RowProps['onUpdate']> }) {
  const ids = { status: useId(), tags: useId(), tagsHint: useId(), note: useId() };
  const [tagsText, setTagsText] = useState(() => entry.tags.join(', '));
  const [note, setNote] = useState(entry.note);
  // When the stored values change (saved from here, or restored from a backup), follow
  // them — unless the user has typed since, which is not thrown away.
  const [stored, setStored] = useState({ tags: entry.tags, note: entry.note });
  if (stored.tags !== entry.tags || stored.note !== entry.note) {
    if (sameTags(parseTags(tagsText), stored.tags)) setTagsText(entry.tags.join(', '));
    if (note === stored.note) setNote(entry.note);
    setStored({ tags: entry.tags, note: entry.note });
  }
  const lastSent = useRef<{ entry: WatchedProcurement; key: string }>(undefined);
  const [saved, setSaved] = useState(false);

  const changes = (): UserFieldsUpdate => {
    const fields: UserFieldsUpdate = {};
    const tags = parseTags(tagsText);
    if (!sameTags(tags, entry.tags)) fields.tags = tags;
    if (note !== entry.note) fields.note = note;
    return fields;
  };
  const dirty = Object.keys(changes()).length > 0;

  const save = () => {
    const fields = changes();
    if (Object.keys(fields).length === 0) return;
    // Leaving the box and pressing Save straight after must not send the same thing twice
    // (a failed save reloads the entry, which allows sending it again).
    const key = JSON.stringify(fields);
    if (lastSent.current?.entry === entry && lastSent.current.key === key) return;
    lastSent.current = { entry, key };
    setSaved(true);
    onUpdate(entry.ocid, fields);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };

  return (
    <form className="tt-notes" id={id} aria-label={`Your notes on ${title}`} onSubmit={onSubmit}>
      <div className="tt-field">
        <label className="tt-field__label" htmlFor={ids.status}>
          Bid status
        </label>
        <select
          id={ids.status}
          className="tt-select"
          value={entry.bidStatus}
          onChange={(event) => onUpdate(entry.ocid, { bidStatus: event.target.value as BidStatus })}
        >
          {BID_STATUSES.map((status) => (
            <option key={status} value={status}>
              {BID_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="tt-field">
        <label className="tt-field__label" htmlFor={ids.tags}>
          Tags
        </label>
        <p className="tt-field__hint" id={ids.tagsHint}>
          Separate tags with commas, for example: NHS, framework
        </p>
        <input
          id={ids.tags}
          className="tt-input"
          type="text"
          autoComplete="off"
          aria-describedby={ids.tagsHint}
          value={tagsText}
          onChange={(event) => setTagsText(event.target.value)}
          onBlur={save}
        />
      </div>
      <div className="tt-field">
        <label className="tt-field__label" htmlFor={ids.note}>
          Note
        </label>
        <textarea id={ids.note} className="tt-textarea" rows={3} maxLength={MAX_NOTE_LENGTH} value={note} onChange={(event) => setNote(event.target.value)} onBlur={save} />
      </div>
      {/* aria-disabled, not disabled: the focus stays on the button once it has saved. */}
      <button type="submit" className="tt-button tt-button--small" aria-disabled={!dirty}>
        {dirty ? 'Save notes' : 'Saved'}
      </button>
      <p className="tt-visually-hidden" role="status">
        {saved && !dirty ? 'Notes saved.' : ''}
      </p>
    </form>
  );
}

/** One watched procurement in the popup. Memoised: it re-renders only when its entry or `now` changes. */
export const WatchlistRow = memo(function WatchlistRow({ entry, now, onOpen, onUnwatch, onUpdate, onAddToCalendar }: RowProps) {
  const title = titleText(entry.title);
  const url = entryUrl(entry);
  const next = nextKeyDate(entry, now);
  const changed = entry.unseenChanges.length > 0;
  const [notesOpen, setNotesOpen] = useState(false);
  const notesId = useId();
  const preview = notePreview(entry.note);
  return (
    <li className={changed ? 'tt-row tt-row--changed' : 'tt-row'}>
      <div className="tt-row__main">
        <h2 className="tt-row__title">
          {/* It opens a web page, so it is a link; the click goes through onOpen, which also marks the changes seen. */}
          {url ? (
            <a
              className="tt-link"
              href={url}
              onClick={(event) => {
                event.preventDefault();
                onOpen(entry);
              }}
            >
              {title}
            </a>
          ) : (
            title
          )}
        </h2>
        {entry.buyer ? <p className="tt-row__buyer">{entry.buyer}</p> : null}
        {changed ? (
          <div className="tt-row__changed">
            <p className="tt-row__changed-title">
              <strong className="tt-flag">Changed</strong> since you last looked:
            </p>
            <ChangeList changes={entry.unseenChanges} label={`Changes to ${title}`} limit={CHANGES_SHOWN} />
          </div>
        ) : null}
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
        {next ? <MovedNote keyDate={next} /> : null}
        <p className="tt-row__meta">
          <StageBadge stage={entry.stage} /> <span className="tt-row__value">Value: {valueText(entry.value)}</span>
        </p>
        {entry.bidStatus !== 'watching' || entry.tags.length > 0 || preview ? (
          <div className="tt-row__yours">
            {entry.bidStatus !== 'watching' ? <strong className={`tt-bid tt-bid--${entry.bidStatus}`}>{BID_STATUS_LABELS[entry.bidStatus]}</strong> : null}
            {entry.tags.length > 0 ? (
              <ul className="tt-row__tags" aria-label="Tags">
                {entry.tags.map((tag) => (
                  <li key={tag} className="tt-chip">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : null}
            {preview ? <p className="tt-row__note">{preview}</p> : null}
          </div>
        ) : null}
        {entry.lastCheckedAt ? (
          <p className="tt-row__checked">
            Last checked <CheckedAt at={entry.lastCheckedAt} />
          </p>
        ) : null}
        {entry.lastCheckError ? (
          <p className="tt-row__check-error">
            <strong>Last check failed:</strong> {entry.lastCheckError} Showing the data last read.
          </p>
        ) : null}
        {onUpdate || onAddToCalendar ? (
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
            {onAddToCalendar && entry.keyDates.length > 0 ? (
              <button type="button" className="tt-link-button" aria-label={`Add to calendar: ${title}`} onClick={() => onAddToCalendar(entry.ocid)}>
                Add to calendar
              </button>
            ) : null}
          </div>
        ) : null}
        {onUpdate && notesOpen ? <NotesForm id={notesId} entry={entry} title={title} onUpdate={onUpdate} /> : null}
      </div>
      <button type="button" className="tt-button tt-button--secondary tt-button--small tt-row__unwatch" aria-label={`Unwatch ${title}`} onClick={() => onUnwatch(entry.ocid)}>
        Unwatch
      </button>
    </li>
  );
});
