import type { DetectedChange } from '../lib/watchlist/entry';

interface Props {
  changes: readonly DetectedChange[];
  /** The list's accessible name. */
  label: string;
  className?: string;
  /** Show this many, and the rest behind "N more changes" (default: all). */
  limit?: number;
}

/** Changes found when a watched procurement was read again, in plain language, oldest first. Text only. */
export function ChangeList({ changes, label, className, limit = Infinity }: Props) {
  const shown = changes.length > limit ? changes.slice(0, limit) : changes;
  const rest = changes.slice(shown.length);
  return (
    <div className={className ? `tt-changes ${className}` : 'tt-changes'}>
      <ul className="tt-changes__list" aria-label={label}>
        {shown.map((change, index) => (
          <li key={`${change.foundAt}|${index}`} className="tt-changes__item">
            {change.text}
          </li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <details className="tt-changes__more">
          <summary>{rest.length === 1 ? '1 more change' : `${rest.length} more changes`}</summary>
          <ul className="tt-changes__list">
            {rest.map((change, index) => (
              <li key={`${change.foundAt}|${index}`} className="tt-changes__item">
                {change.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
