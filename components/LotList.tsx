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

/** Lots named one by one under a key date, at most this many (the rest counted). */
const NAMED = 30;

/** Lot ids with runs of three or more consecutive numbers joined: "1 to 8 and 18". */
export function lotIdsText(ids: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let end = i;
    while (end + 1 < ids.length && /^\d+$/.test(ids[end]!) && ids[end + 1] === String(Number(ids[end]) + 1)) end++;
    if (end - i >= 2) {
      parts.push(`${ids[i]} to ${ids[end]}`);
      i = end + 1;
    } else {
      parts.push(ids[i]!);
      i++;
    }
  }
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

const hasValue = (lot: ProcurementLot | undefined) => Boolean(lot?.value.net || lot?.value.gross);

/** "Lot 3: Project Management" where the lot has a title, else "Lot 3". */
const lotName = (id: string, lot: ProcurementLot | undefined) => (lot?.title?.trim() ? `Lot ${id}: ${lot.title.trim()}` : `Lot ${id}`);

/**
 * Which lots a key date is for, by name where the data names them: "Lot 17: Cost Consultancy";
 * "All 20 lots"; or "Lots 1 to 8 and 18", opening to each one's title and value.
 */
export function KeyDateLots({ ids, lots, className }: { ids: readonly string[]; lots: readonly ProcurementLot[]; className: string }) {
  if (ids.length === 0) return null;
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  if (ids.length === 1) return <p className={className}>{lotName(ids[0]!, byId.get(ids[0]!))}</p>;
  if (lots.length === ids.length && ids.every((id) => byId.has(id))) return <p className={className}>{`All ${lots.length} lots`}</p>;
  const summary = `Lots ${lotIdsText(ids)}`;
  if (!ids.some((id) => byId.get(id)?.title?.trim() || hasValue(byId.get(id)))) return <p className={className}>{summary}</p>;
  const named = ids.slice(0, NAMED);
  return (
    <details className={`${className} tt-lots__named`}>
      <summary>{summary}</summary>
      <ul className="tt-plain-list">
        {named.map((id) => {
          const lot = byId.get(id);
          return <li key={id}>{hasValue(lot) ? `${lotName(id, lot)} — ${valueText(lot!.value)}` : lotName(id, lot)}</li>;
        })}
        {ids.length > named.length ? <li>{`and ${ids.length - named.length} more lots`}</li> : null}
      </ul>
    </details>
  );
}
