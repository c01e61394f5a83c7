import { broughtForwardFirst } from '../lib/timeline/changes';
import type { Change } from '../lib/timeline/types';

interface Props {
  changes: readonly Change[];
  /** The list's accessible name. */
  label: string;
  className?: string;
  /** Show this many, and the rest behind "N more changes" (default: all). */
  limit?: number;
}

function Item({ change }: { change: Change }) {
  // The sentence says "brought forward"; the class only adds weight to it.
  return <li className={change.broughtForward ? 'tt-changes__item tt-changes__item--earlier' : 'tt-changes__item'}>{change.text}</li>;
}

/**
 * What changed, in plain language, as text only: a notice's changes in the timeline, and
 * what changed since the user last looked. Key dates brought forward come first; the rest
 * keep their order.
 */
export function ChangeList({ changes, label, className, limit = Infinity }: Props) {
  if (changes.length === 0) return null;
  const ordered = broughtForwardFirst(changes);
  const shown = ordered.slice(0, limit);
  const rest = ordered.slice(shown.length);
  return (
    <div className={className ? `tt-changes ${className}` : 'tt-changes'}>
      <ul className="tt-changes__list" aria-label={label}>
        {shown.map((change, index) => (
          <Item key={`${change.field}|${index}`} change={change} />
        ))}
      </ul>
      {rest.length > 0 ? (
        <details className="tt-changes__more">
          <summary>{rest.length === 1 ? '1 more change' : `${rest.length} more changes`}</summary>
          <ul className="tt-changes__list">
            {rest.map((change, index) => (
              <Item key={`${change.field}|${index}`} change={change} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
