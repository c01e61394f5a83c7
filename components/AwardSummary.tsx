import './details.css';
import { useId } from 'react';
import { formatDateTime } from '../lib/dates';
import type { KeyDate, ProcurementLot } from '../lib/procurement';
import { awardKeyDates, contractEnd, type ProcurementAward } from '../lib/timeline/awards';
import { keyDateLabel, keyDateStyle, lotsText, VOID_TEXT } from '../lib/timeline/key-dates';
import { DateTime } from './DateTime';
import { valueText } from './format';
import { MovedNote } from './MovedNote';

/** Awards shown before the rest are folded away. */
const SHOWN = 3;

/** Where an award stands, in plain words; nothing for an award made. */
const STATUS_TEXT: Partial<Record<string, string>> = {
  pending: 'Intended award: the contract follows the standstill',
  cancelled: 'Award cancelled',
  unsuccessful: 'Not awarded',
};

/** The award's name: its own title, else its lots with their titles. */
function awardName(award: ProcurementAward, lots: readonly ProcurementLot[]): string {
  if (award.title?.trim()) return award.title.trim();
  if (award.lots.length === 0) return 'The contract';
  const titles = award.lots.map((id) => lots.find((lot) => lot.id === id)?.title?.trim()).filter(Boolean);
  const name = lotsText(award.lots);
  const capitalised = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  return titles.length === award.lots.length && titles.length === 1 ? `${capitalised}: ${titles[0]}` : capitalised;
}

const dateText = (keyDate: KeyDate) => formatDateTime(new Date(keyDate.at), keyDateStyle(keyDate.type, keyDate.dateOnly));

/** "This contract ends on … (may be re-let)": the date business development watches. */
function EndsLine({ keyDates }: { keyDates: KeyDate[] }) {
  const ends = contractEnd(keyDates);
  if (!ends) return null;
  const { end, maxExtent } = ends;
  return (
    <p className="tt-award__ends">
      {end ? (
        <>
          This contract ends on <strong>{dateText(end)}</strong> (may be re-let)
          {maxExtent ? `, or ${dateText(maxExtent)} if fully extended` : ''}.
        </>
      ) : (
        <>
          This contract ends on <strong>{dateText(maxExtent!)}</strong> at the latest, if fully extended (may be re-let).
        </>
      )}
    </p>
  );
}

function Award({ award, lots, keyDates }: { award: ProcurementAward; lots: readonly ProcurementLot[]; keyDates: readonly KeyDate[] }) {
  const own = awardKeyDates(award, keyDates);
  const status = STATUS_TEXT[award.status ?? ''];
  return (
    <li className="tt-award">
      <p className="tt-award__name">{awardName(award, lots)}</p>
      {status ? <p className="tt-award__status">{status}</p> : null}
      <dl className="tt-facts">
        <div className="tt-facts__row">
          <dt>{award.suppliers.length > 1 ? 'Suppliers' : 'Supplier'}</dt>
          <dd>{award.suppliers.length ? award.suppliers.join('; ') : 'Not named in the notice'}</dd>
        </div>
        <div className="tt-facts__row">
          <dt>Value</dt>
          <dd>{valueText(award.value)}</dd>
        </div>
        {own.map((keyDate) => (
          <div className="tt-facts__row" key={`${keyDate.type}|${keyDate.at}`}>
            <dt>{keyDateLabel(keyDate)}</dt>
            <dd>
              <DateTime at={keyDate.at} style={keyDateStyle(keyDate.type, keyDate.dateOnly)} />
              {keyDate.void ? ` (${VOID_TEXT})` : null}
              <MovedNote keyDate={keyDate} />
            </dd>
          </div>
        ))}
      </dl>
      <EndsLine keyDates={own} />
    </li>
  );
}

/** Who won each lot, at what value, and the award's dates: standstill, contract start, end and maximum extension. */
export function AwardSummary({ awards, lots, keyDates }: { awards: readonly ProcurementAward[]; lots: readonly ProcurementLot[]; keyDates: readonly KeyDate[] }) {
  const headingId = useId();
  if (awards.length === 0) return null;
  const shown = awards.slice(0, SHOWN);
  const rest = awards.slice(SHOWN);
  const list = (items: readonly ProcurementAward[]) => (
    <ul className="tt-awards">
      {items.map((award) => (
        <Award key={award.id} award={award} lots={lots} keyDates={keyDates} />
      ))}
    </ul>
  );
  return (
    <section className="tt-section" aria-labelledby={headingId}>
      <h3 className="tt-section__heading" id={headingId}>
        {awards.length === 1 ? 'Award' : `Awards (${awards.length})`}
      </h3>
      {list(shown)}
      {rest.length > 0 ? (
        <details className="tt-awards__more">
          <summary>{rest.length === 1 ? 'Show 1 more award' : `Show ${rest.length} more awards`}</summary>
          {list(rest)}
        </details>
      ) : null}
    </section>
  );
}
