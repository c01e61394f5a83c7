import './theme.css';

interface Props {
  /** undefined while the watched state is not known yet: the button waits. */
  watched: boolean | undefined;
  onToggle(): void;
}

/**
 * Our Watch (the whole procurement, kept on this machine), named so that nobody takes it for
 * FTS's own "Watch this notice" button: the product's name is in its accessible name.
 */
export function WatchButton({ watched, onToggle }: Props) {
  const on = watched === true;
  return (
    <button
      type="button"
      className={on ? 'tt-button tt-button--secondary tt-watch tt-watch--on' : 'tt-button tt-watch'}
      aria-label="Tender Timeline: watch this procurement"
      aria-pressed={on}
      disabled={watched === undefined}
      onClick={onToggle}
    >
      {on ? 'Watching — stop watching' : 'Watch procurement'}
    </button>
  );
}
