import { useId, useRef, useState, type FormEvent } from 'react';
import { BID_STATUS_LABELS, BID_STATUSES, type BidStatus, type WatchlistRow } from '../lib/watchlist/entry';
import { MAX_NOTE_LENGTH, parseTags, sameTags } from './watchlist-tools';

/** The user's own fields of a watched procurement, as 'watchlist:update' takes them. */
export interface UserFieldsUpdate {
  note?: string;
  tags?: string[];
  bidStatus?: BidStatus;
}

/** Bid status (saved at once), tags and note (saved with Save, or on leaving the box). */
export function NotesForm({ id, row: entry, onUpdate }: { id: string; row: WatchlistRow; onUpdate: (ocid: string, fields: UserFieldsUpdate) => void }) {
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
  const lastSent = useRef<{ entry: WatchlistRow; key: string }>(undefined);
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
    <form className="tt-notes" id={id} aria-label={`Your notes on ${entry.title}`} onSubmit={onSubmit}>
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
