import { useId } from 'react';
import './theme.css';

interface Props {
  /** undefined while the watched state is not known yet: the button waits. */
  watched: boolean | undefined;
  onToggle(): void;
}

const DESCRIPTION =
  'Tender Timeline keeps the whole procurement in your watchlist on this computer. No Find a Tender account is needed; this is not Find a Tender’s own “Watch this notice”.';

/**
 * Our Watch: the whole procurement, kept on this machine. Its name is its visible text and
 * starts with "Watch"; its description and its place in the Tender Timeline panel say whose
 * it is, so that nobody takes it for FTS's own "Watch this notice".
 */
export function WatchButton({ watched, onToggle }: Props) {
  const on = watched === true;
  const descriptionId = useId();
  return (
    <>
      <button
        type="button"
        className={on ? 'tt-button tt-button--secondary tt-watch tt-watch--on' : 'tt-button tt-watch'}
        aria-pressed={on}
        aria-describedby={descriptionId}
        title={DESCRIPTION}
        disabled={watched === undefined}
        onClick={onToggle}
      >
        {on ? 'Watching — stop watching' : 'Watch procurement'}
      </button>
      <span id={descriptionId} className="tt-visually-hidden">
        {DESCRIPTION}
      </span>
    </>
  );
}
