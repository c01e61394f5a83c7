/**
 * The watchlist as a CSV file for Excel, LibreOffice Calc and Google Sheets: one row per
 * procurement, in the popup's order, dates in UK form (London time), values as plain
 * numbers so a column can be summed.
 *
 * The file is UTF-8 with a byte-order mark (without it Excel on Windows reads "£" as
 * "Â£"), rows end in CRLF, and fields are quoted as RFC 4180 says.
 *
 * Formula injection: titles and buyers come from FTS, notes and tags from the user, and a
 * spreadsheet runs any cell that starts with `=`, `+`, `-` or `@` (TAB and CR too) as a
 * formula — `=HYPERLINK(…)` or `=cmd|' /C calc'!A0`. Such a cell gets a leading `'`
 * (OWASP's advice), which every spreadsheet reads as "this is text". A phone number such
 * as "+44 1785 232385" is treated like any other text: left bare, Excel and Sheets would
 * read it as a formula (an error cell) or, written "+441785232385", as the number
 * 4.41785E+11, and "+44-1785-232385" would be sums. With the `'` the digits stay exactly
 * as written; where the spreadsheet honours the marker the `'` is not displayed, and where
 * it shows it (reported of some CSV imports in Excel and LibreOffice) the reader sees one
 * stray apostrophe before an intact number. The one exception is a plain decimal number
 * (`-12.5`): the spreadsheet reads it as that number, which cannot run anything, and
 * prefixing it would turn a number into text that no longer sums.
 */
import { londonDaysBetween, londonParts } from '../dates';
import type { Money } from '../money';
import { keyDateLabel } from '../timeline/key-dates';
import { BID_STATUS_LABELS, entryUrl, nextKeyDate, sortWatchlist, type WatchedProcurement } from '../watchlist/entry';

/** The header row, in column order. */
export const CSV_COLUMNS = [
  'Title',
  'Buyer',
  'OCID',
  'Stage',
  'Bid status',
  'Next key date',
  'Next key date (date)',
  'Next key date (time)',
  'Days left',
  'Value excl. VAT',
  'Value incl. VAT',
  'Currency',
  'Tags',
  'Note',
  'Notice URL',
  'Watched on',
  'Last checked',
] as const;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP: `=` `+` `-`
 * `@` TAB CR), also after leading white space (Excel and Calc skip it) and in their
 * full-width forms (which Excel's East Asian input treats as the ASCII ones).
 */
const FORMULA_START = /^(?:[\t\r]|[\s\u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** A plain decimal number, as JavaScript writes one: read as a number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The cell as text a spreadsheet will not run: `'` before anything that would start a formula. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One field as RFC 4180 writes it: quoted when it holds `,` `"` CR or LF, quotes doubled. */
export function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows of cells as CSV text (no BOM), every cell neutralised and quoted, CRLF after each row. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => row.map((cell) => csvField(neutraliseFormula(cell))).join(',') + CRLF).join('');
}

/** DD/MM/YYYY in London. */
function ukDate(instant: Date): string {
  const { date } = londonParts(instant);
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

function instantOf(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** A number as digits a spreadsheet sums: no £, no thousands separators, never "1e+21". */
function plainNumber(amount: number): string {
  const text = String(amount);
  return /e/i.test(text) ? amount.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

/** "not specified" (no amount) is an empty cell, so that the column still sums. */
function amountCell(money: Money | undefined): string {
  return money && Number.isFinite(money.amount) ? plainNumber(money.amount) : '';
}

function stageText(stage: string): string {
  return stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : '';
}

/** The cells of one procurement's row, before neutralising and quoting. */
export function watchlistRow(entry: WatchedProcurement, now: Date): string[] {
  const next = nextKeyDate(entry, now);
  const nextAt = instantOf(next?.at);
  const watched = instantOf(entry.watchedAt);
  const checked = instantOf(entry.lastCheckedAt);
  return [
    entry.title ?? '',
    entry.buyer ?? '',
    entry.ocid,
    stageText(entry.stage),
    BID_STATUS_LABELS[entry.bidStatus] ?? entry.bidStatus,
    next ? keyDateLabel(next) : '',
    nextAt ? ukDate(nextAt) : '',
    nextAt && !next?.dateOnly ? londonParts(nextAt).time : '',
    nextAt ? String(londonDaysBetween(now, nextAt)) : '',
    amountCell(entry.value.net),
    amountCell(entry.value.gross),
    entry.value.net?.currency ?? entry.value.gross?.currency ?? '',
    entry.tags.join('; '),
    entry.note,
    entryUrl(entry) ?? '',
    watched ? ukDate(watched) : '',
    checked ? `${ukDate(checked)} ${londonParts(checked).time}` : '',
  ];
}

/** The watchlist as a CSV file's text: BOM, header, one row per procurement sorted as the popup sorts. */
export function watchlistToCsv(entries: WatchedProcurement[], now: Date): string {
  const rows = sortWatchlist(entries, now).map((entry) => watchlistRow(entry, now));
  return BOM + toCsv([[...CSV_COLUMNS], ...rows]);
}

/** "tender-timeline-watchlist-2026-06-01.csv", dated in London. */
export function csvFileName(now: Date): string {
  return `tender-timeline-watchlist-${londonParts(now).date}.csv`;
}
