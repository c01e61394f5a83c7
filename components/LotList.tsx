import './details.css';
import { useId } from 'react';
import type { ProcurementLot } from '../lib/procurement';
import { valueText } from './format';

/** Lots shown before the rest are folded away: a framework of 20 lots stays a short table. */
const SHOWN = 5;

function Rows({ lots }: { lots: readonly ProcurementLot[] }) {
  return (
    <>
      {lots.map((lot) => (
        <tr key={lot.id}>
          <th scope="row">{lot.id}</th>
          <td>{lot.title?.trim() || <span className="tt-secondary">No title given</span>}</td>
          <td>{valueText(lot.value)}</td>
        </tr>
      ))}
    </>
  );
}

function LotTable({ lots, caption, captionHidden = false }: { lots: readonly ProcurementLot[]; caption: string; captionHidden?: boolean }) {
  return (
    <table className="tt-lots__table">
      <caption className={captionHidden ? 'tt-visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Lot</th>
          <th scope="col">Title</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        <Rows lots={lots} />
      </tbody>
    </table>
  );
}

/** Each lot's number, title and value, so that "lots 1, 2, 18" can be read; the first few shown, the rest on request. */
export function LotList({ lots }: { lots: readonly ProcurementLot[] }) {
  const headingId = useId();
  // One untitled lot is the procurement itself: nothing to list.
  if (lots.length === 0 || (lots.length === 1 && !lots[0]!.title)) return null;
  const shown = lots.slice(0, SHOWN);
  const rest = lots.slice(SHOWN);
  return (
    <section className="tt-section tt-lots" aria-labelledby={headingId}>
      <h3 className="tt-section__heading" id={headingId}>
        {lots.length === 1 ? 'Lot' : `Lots (${lots.length})`}
      </h3>
      <LotTable lots={shown} caption={rest.length ? `Lots ${shown[0]!.id} to ${shown.at(-1)!.id}` : 'Lots'} captionHidden />
      {rest.length > 0 ? (
        <details className="tt-lots__more">
          <summary>{rest.length === 1 ? 'Show 1 more lot' : `Show ${rest.length} more lots`}</summary>
          <LotTable lots={rest} caption={`The other ${rest.length} lots`} captionHidden />
        </details>
      ) : null}
    </section>
  );
}
