import './details.css';
import { movedText } from '../lib/timeline/key-dates';
import type { KeyDateType } from '../lib/timeline/types';

/**
 * What a moved key date was, beside the date wherever it is shown. Brought forward is
 * urgent (less time than planned): it says so in words, in bold; the colour only adds to it.
 */
export function MovedNote({ keyDate, className = '' }: { keyDate: { type: KeyDateType; moved?: { from: string; broughtForward?: true } }; className?: string }) {
  const text = movedText(keyDate);
  if (!text) return null;
  if (keyDate.moved?.broughtForward) {
    return (
      <p className={`tt-moved tt-moved--earlier ${className}`.trim()}>
        <strong>{text}</strong>: less time than planned
      </p>
    );
  }
  return <p className={`tt-moved tt-secondary ${className}`.trim()}>{text}</p>;
}
