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

/** Where the changed fields are in the OCDS data, once each, behind a summary: for people who want the paths. */
function WhereInData({ changes }: { changes: readonly Change[] }) {
  const places = new Map<string, string>();
  for (const change of changes) if (change.where && !places.has(change.where)) places.set(change.where, change.label);
  if (places.size === 0) return null;
  return (
    <details className="tt-changes__where">
      <summary>Where this is in the data</summary>
      <ul className="tt-changes__list">
        {[...places].map(([where, label]) => (
          <li key={where}>
            {label}: <code className="tt-changes__path">{where}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * What changed, in plain language, as text only: a notice's changes in the timeline, and
 * what changed since the user last looked. Key dates brought forward come first; the rest
 * keep their order. The fields' places in the data are behind "Where this is in the data".
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
      <WhereInData changes={ordered} />
    </div>
  );
}
