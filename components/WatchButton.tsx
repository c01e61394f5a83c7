import { useEffect, useId, useRef, useState, type Ref } from 'react';
import './theme.css';

interface Props {
  /** undefined while the watched state is not known yet: the button waits. */
  watched: boolean | undefined;
  onToggle(): void;
  /** An Unwatch pressed here went through: given, whoever offers its Undo says so, not this button's live region. */
  onRemoved?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}

const DESCRIPTION =
  'Tender Timeline keeps the whole procurement in your watchlist on this computer. No Find a Tender account is needed; this is not Find a Tender’s own “Watch this notice”.';

/** What the live region says once a press has changed the state. */
export const WATCH_ANNOUNCEMENT = { on: 'Added to your watchlist.', off: 'Removed from your watchlist.' } as const;

/**
 * Our Watch: the whole procurement, kept on this machine. Its name is its visible text and
 * starts with "Watch"; its description and its place in the Tender Timeline panel say whose
 * it is, so that nobody takes it for FTS's own "Watch this notice".
 *
 * While it waits it is `aria-disabled`, not `disabled`: a disabled button loses the focus (to
 * the page's body), and the person who pressed it would have to find their way back. The new
 * state, once known, is said in a live region that is always there.
 */
export function WatchButton({ watched, onToggle, onRemoved, buttonRef }: Props) {
  const on = watched === true;
  const waiting = watched === undefined;
  const descriptionId = useId();
  const [announcement, setAnnouncement] = useState('');
  // The state when the user last pressed: a press that ends in another state is announced.
  const pressedAt = useRef<boolean | undefined>(undefined);
  const latestOnRemoved = useRef(onRemoved);
  latestOnRemoved.current = onRemoved;
  useEffect(() => {
    if (waiting || pressedAt.current === undefined) return;
    if (pressedAt.current !== watched) {
      if (!watched && latestOnRemoved.current) latestOnRemoved.current();
      else setAnnouncement(watched ? WATCH_ANNOUNCEMENT.on : WATCH_ANNOUNCEMENT.off);
    }
    pressedAt.current = undefined;
  }, [watched, waiting]);
  const press = () => {
    if (waiting) return;
    pressedAt.current = on;
    setAnnouncement('');
    onToggle();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={on ? 'tt-button tt-button--secondary tt-watch tt-watch--on' : 'tt-button tt-watch'}
        aria-pressed={on}
        aria-describedby={descriptionId}
        title={DESCRIPTION}
        aria-disabled={waiting}
        onClick={press}
      >
        {on ? 'Watching — stop watching' : 'Watch procurement'}
      </button>
      <span id={descriptionId} className="tt-visually-hidden">
        {DESCRIPTION}
      </span>
      <span className="tt-visually-hidden tt-watch-status" role="status">
        {announcement}
      </span>
    </>
  );
}
