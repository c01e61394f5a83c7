// @vitest-environment happy-dom
/**
 * What a bidder acts on, in the panel, on real FTS releases (test/fixtures/fts/api/whole-stream):
 * who won, at what value and until when; an old version of a notice; deadlines brought forward;
 * a read that found nothing; and lots. Expected values read by hand from the JSON.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { URL as NodeURL, fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelProps, type PanelState } from '../../components/Panel';
import { LotList, lotIdsText } from '../../components/LotList';
import { WatchlistItem } from '../../components/WatchlistItem';
import { toWatchlistRow, watchEntry } from '../../lib/watchlist/entry';
import { analyseOcds, type ProcurementTimeline } from '../../lib/analyse';
import type { ProcurementLot } from '../../lib/procurement';

afterEach(cleanup);

const pages = new Map<string, ProcurementTimeline[]>();

function fromStream(page: string, ocid: string, now: Date): ProcurementTimeline {
  const key = `${page}|${now.toISOString()}`;
  if (!pages.has(key)) {
    const file = fileURLToPath(new NodeURL(`../fixtures/fts/api/whole-stream/${page}.json`, import.meta.url));
    const result = analyseOcds(readFileSync(file, 'utf8'), now);
    if (!result.ok) throw new Error(result.message);
    pages.set(key, result.procurements);
  }
  const found = pages.get(key)!.find((p) => p.procurement.ocid === ocid);
  if (!found) throw new Error(`${ocid} not in ${page}`);
  return found;
}

function renderPanel(state: PanelState, now: Date, more: Partial<PanelProps> = {}) {
  const callbacks = { onWatchToggle: vi.fn(), onRetry: vi.fn(), onCollapsedChange: vi.fn() };
  render(<Panel state={state} now={now} watched={false} collapsed={false} {...callbacks} {...more} />);
  return callbacks;
}

const ready = (read: ProcurementTimeline, currentNoticeId?: string): Extract<PanelState, { status: 'ready' }> => ({ status: 'ready', ...read, currentNoticeId });
const section = (heading: string | RegExp) => screen.getByRole('heading', { name: heading }).closest('section')!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const times = (el: Element) => [...el.querySelectorAll('time')].map((t) => t.getAttribute('datetime'));

describe('an award notice in the panel', () => {
  const now = new Date('2026-08-12T09:00:00Z');

  it('an F03 (076457-2026) says who won, the contract value and when it was signed; no submission to act on', () => {
    renderPanel(ready(fromStream('page-001', 'ocds-h6vhtk-06e1e4', now), '076457-2026'), now);
    const award = section('Award');
    expect(text(within(award).getByText('Supplier').nextElementSibling)).toBe('Imosphere Ltd');
    expect(text(within(award).getByText('Value').nextElementSibling)).toBe('£88,450');
    // dateSigned "2026-08-11T00:00:00+01:00".
    expect(times(within(award).getByText('Contract signed').nextElementSibling!)).toEqual(['2026-08-10T23:00:00.000Z']);
    expect(within(section('Where to act')).queryByText('Submission')).toBeNull();
    expect(text(section('Next up'))).toContain('the contract was awarded');
  });

  it('a UK6 (076398-2026) lists each lot’s winner and value, the standstill, and when the contract ends and may be re-let', () => {
    renderPanel(ready(fromStream('page-001', 'ocds-h6vhtk-052218', now), '076398-2026'), now);
    const awards = section('Awards (3)');
    const [first, second, third] = within(awards).getAllByRole('listitem');
    expect(text(first!.querySelector('.tt-award__name'))).toBe('Lot 1 - Clothall');
    expect(text(within(first!).getByText('Supplier').nextElementSibling)).toBe('1st Class Support and Housing Ltd');
    expect(text(within(first!).getByText('Value').nextElementSibling)).toBe('£9,228,780 (£11,074,536 including VAT)');
    // standstillPeriod.endDate "2026-08-21T23:59:59+01:00".
    expect(times(within(first!).getByText('Standstill ends').nextElementSibling!)).toEqual(['2026-08-21T22:59:59.000Z']);
    expect(text(first!.querySelector('.tt-award__status'))).toMatch(/^Intended award/);
    // contractPeriod.endDate "2029-08-13T23:59:59+01:00", maxExtentDate "2031-08-13T23:59:59+01:00".
    const ends = text(first!.querySelector('.tt-award__ends'));
    expect(ends).toMatch(/^This contract ends on 13 Aug\w* 2029.* \(may be re-let\), or 13 Aug\w* 2031.* if fully extended\.$/);
    expect(text(second!.querySelector('.tt-award__name'))).toBe('Lot 3 - Cassiobury');
    expect(text(within(second!).getByText('Supplier').nextElementSibling)).toBe('Frontline Social Care Ltd');
    expect(text(third!.querySelector('.tt-award__name'))).toBe('Lots 2, 4');
    expect(text(within(third!).getByText('Supplier').nextElementSibling)).toBe('Not named in the notice');
  });
});

describe('an old version of a notice (ocds-h6vhtk-06de32: UK4 076174-2026, then UK4 076194-2026 the same day)', () => {
  // Before both notices' deadlines: 11 Aug 2026 10:00 BST.
  const now = new Date('2026-08-11T09:00:00Z');
  const read = () => fromStream('page-003', 'ocds-h6vhtk-06de32', now);

  it('says first that a newer notice was published, what it changed, and links to it', () => {
    renderPanel(ready(read(), '076174-2026'), now);
    const banner = screen.getByRole('note', { name: 'This is not the latest notice' });
    // The banner comes before the procurement's title.
    expect(banner.compareDocumentPosition(screen.getByRole('heading', { level: 2 })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // 076194-2026 was published 11 Aug 2026 12:31:55 BST.
    expect(text(banner.querySelector('.tt-newer__heading'))).toMatch(/^A newer notice was published on 11 Aug\w* 2026:$/);
    const changes = within(banner).getAllByRole('listitem').map(text);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatch(/^Enquiry deadline brought forward from 19 Aug/);
    expect(changes[1]).toMatch(/^Submission deadline brought forward from 2 Sep/);
    const link = within(banner).getByRole('link');
    expect(link.getAttribute('href')).toBe('https://www.find-tender.service.gov.uk/Notice/076194-2026');
    expect(text(link)).toContain('UK4: Tender notice, 076194-2026');
  });

  it('on the procurement page (no notice open) there is no banner and no notice marked as this one', () => {
    renderPanel(ready(read()), now);
    expect(screen.queryByRole('note', { name: 'This is not the latest notice' })).toBeNull();
    const timeline = section('Timeline');
    expect(timeline.querySelectorAll('[aria-current]')).toHaveLength(0);
    // Both notices are listed, neither as the one open.
    expect(text(timeline)).toContain('076174-2026');
    expect(text(timeline)).toContain('076194-2026');
    expect(text(timeline)).not.toContain('You are here');
  });

  it('the latest notice has no banner', () => {
    renderPanel(ready(read(), '076194-2026'), now);
    expect(screen.queryByRole('note', { name: 'This is not the latest notice' })).toBeNull();
  });

  it('Next up and the timeline show the deadline brought forward, with what it was, as urgent', () => {
    renderPanel(ready(read(), '076194-2026'), now);
    // Next: the enquiry deadline, 11 Aug 12:35 BST, brought forward from 19 Aug 00:00 BST.
    const next = section('Next up');
    expect(text(next.querySelector('.tt-next__label'))).toBe('Enquiry deadline');
    const moved = next.querySelector('.tt-moved--earlier');
    expect(text(moved)).toMatch(/^Brought forward from 19 Aug\w* 2026.*: less time than planned$/);
    expect(moved?.querySelector('strong')).not.toBeNull();
    const submission = [...section('Timeline').querySelectorAll('li[data-kind="keyDate"]')].find((li) => text(li).includes('Submission deadline'))!;
    expect(text(submission.querySelector('.tt-moved'))).toMatch(/^Brought forward from 2 Sep\w* 2026/);
  });
});

describe('a watched procurement whose deadline was brought forward, in the popup', () => {
  it('the row shows the next deadline with what it was, as urgent', () => {
    const now = new Date('2026-08-11T09:00:00Z');
    const { procurement } = fromStream('page-003', 'ocds-h6vhtk-06de32', now);
    const entry = watchEntry(procurement, { noticeId: '076194-2026' }, now);
    render(<ul><WatchlistItem row={toWatchlistRow(entry, now)} now={now} onOpen={vi.fn()} onUnwatch={vi.fn()} /></ul>);
    // Next: the enquiry deadline, 11 Aug 12:35 BST, was 19 Aug 00:00 BST.
    const moved = document.querySelector('.tt-moved--earlier');
    expect(text(moved)).toMatch(/^Brought forward from 19 Aug\w* 2026.*: less time than planned$/);
  });
});

describe('a read that found no procurement', () => {
  it('shows the error, what could not be read, and Retry; no Watch', () => {
    const now = new Date('2026-08-12T09:00:00Z');
    const result = analyseOcds(readFileSync(fileURLToPath(new NodeURL('../fixtures/fts/records/ocds-h6vhtk-05cfd9.json', import.meta.url)), 'utf8').slice(0, 700), now);
    if (!result.ok) throw new Error(result.message);
    const { onRetry } = renderPanel({ ...ready(result.procurements[0]!), cutOff: true }, now);
    const alert = screen.getByRole('alert');
    expect(text(alert)).toContain('could not be read');
    expect(screen.queryByText('Untitled procurement')).toBeNull();
    expect(screen.queryByText('Buyer not named')).toBeNull();
    expect(screen.queryByRole('button', { name: /watch/i })).toBeNull();
    within(alert).getByRole('button', { name: 'Retry' }).click();
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('a cut-off read that still names the procurement shows it with Retry', () => {
    const now = new Date('2026-08-12T09:00:00Z');
    const result = analyseOcds(readFileSync(fileURLToPath(new NodeURL('../fixtures/fts/records/ocds-h6vhtk-05cfd9.json', import.meta.url)), 'utf8').slice(0, 2000), now);
    if (!result.ok) throw new Error(result.message);
    const { onRetry } = renderPanel({ ...ready(result.procurements[0]!), cutOff: true }, now);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Out of Court Resolution');
    screen.getByRole('button', { name: 'Retry' }).click();
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('LotList', () => {
  // Lots as FTS publishes a framework's: 20 lots, titles and values.
  const lots: ProcurementLot[] = Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), title: `Lot title ${i + 1}`, value: i === 0 ? { net: { amount: 250000, currency: 'GBP' } } : {} }));

  it('a framework of 20 lots shows 5 rows and folds the other 15 away', () => {
    render(<LotList lots={lots} />);
    const list = section('Lots (20)');
    const [shown, rest] = list.querySelectorAll('table');
    expect([...shown!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text))).toEqual([
      ['1', 'Lot title 1', '£250,000'],
      ['2', 'Lot title 2', 'not specified'],
      ['3', 'Lot title 3', 'not specified'],
      ['4', 'Lot title 4', 'not specified'],
      ['5', 'Lot title 5', 'not specified'],
    ]);
    expect(rest!.closest('details')).not.toBeNull();
    expect(text(list.querySelector('summary'))).toBe('Show 15 more lots');
    expect(rest!.querySelectorAll('tbody tr')).toHaveLength(15);
  });

  it('the real 8 lots of 076426-2026 (Forestry England sites): number, title and value; 3 folded away', () => {
    const { procurement } = fromStream('page-001', 'ocds-h6vhtk-06e1d3', new Date('2026-08-12T09:00:00Z'));
    render(<LotList lots={procurement.lots} />);
    const list = section('Lots (8)');
    const rows = [...list.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text));
    expect(rows.slice(0, 3)).toEqual([
      // value.amount and value.amountGross of each lot.
      ['Lot 1', 'Hamsterley Forest & Chopwell Wood', '£120,000 (£144,000 including VAT)'],
      ['Lot 2', 'Gisburn Forest', '£100,000 (£120,000 including VAT)'],
      ['Lot 3', 'Grizedale Forest', '£220,000 (£264,000 including VAT)'],
    ]);
    expect(rows).toHaveLength(5);
    expect(text(list.querySelector('summary'))).toBe('Show 3 more lots');
  });

  it('one untitled lot is the procurement itself: no list', () => {
    const { container } = render(<LotList lots={[{ id: '1', value: {} }]} />);
    expect(container.textContent).toBe('');
  });
});

describe('the lots a key date is for, named (framework-20-lots.json: 20 lots, each with a title and value)', () => {
  const now = new Date('2026-06-01T11:00:00Z');
  const framework = (): ProcurementTimeline => {
    const file = fileURLToPath(new NodeURL('../fixtures/ocds/framework-20-lots.json', import.meta.url));
    const result = analyseOcds(readFileSync(file, 'utf8'), now);
    if (!result.ok) throw new Error(result.message);
    return result.procurements[0]!;
  };
  /** The timeline's key date items whose label is `label`, by the date they show. */
  const keyDate = (label: string, date: string) =>
    [...section('Timeline').querySelectorAll('li[data-kind="keyDate"]')].find((li) => text(li.querySelector('.tt-event__label')) === label && text(li.querySelector('.tt-event__when')).startsWith(date))!;

  it('one lot by its title; a run of lots joined; several lots open to each one’s title and value', () => {
    renderPanel(ready(framework()), now);
    // Lot 17 (Acoustic Consultancy) alone ends 2029-11-01T23:59:59Z.
    expect(text(keyDate('Contract ends', '1 November 2029').querySelector('.tt-event__detail'))).toBe('Lot 17: Acoustic Consultancy');
    // Lots 1–8 start 2026-09-01T00:00:00+01:00.
    const starts = keyDate('Contract starts', '1 September 2026').querySelector('details')!;
    expect(text(starts.querySelector('summary'))).toBe('Lots 1 to 8');
    expect(starts.querySelectorAll('li')).toHaveLength(8);
    // Lots 15, 16, 18, 19, 20 end 2030-11-01T23:59:59Z (17 ends a year earlier).
    expect(text(keyDate('Contract ends', '1 November 2030').querySelector('summary'))).toBe('Lots 15, 16 and 18 to 20');
    // Lots 1–8 and 18 may run to 2032-08-31T23:59:59+01:00.
    const extended = keyDate('Contract ends if fully extended', '31 August 2032').querySelector('details')!;
    expect(extended.open).toBe(false);
    expect(text(extended.querySelector('summary'))).toBe('Lots 1 to 8 and 18');
    const named = [...extended.querySelectorAll('li')].map(text);
    expect(named).toHaveLength(9);
    expect(named[0]).toBe('Lot 1: Building Surveying — £42,000,000 (£50,400,000 including VAT)');
    expect(named[7]).toBe('Lot 8: Clerk of Works — £9,500,000 (£11,400,000 including VAT)');
    expect(named[8]).toBe('Lot 18: Facilities Management Consultancy — £17,400,000 (£20,880,000 including VAT)');
    // No key date line is a bare list of lot numbers.
    for (const detail of section('Timeline').querySelectorAll('.tt-event__detail')) expect(text(detail)).not.toMatch(/^Lots [\d, ]+$/);
  });

  it('lot ids: runs of three or more joined, the last one after "and"', () => {
    expect(lotIdsText(['1', '2', '3', '4', '5', '6', '7', '8', '18'])).toBe('1 to 8 and 18');
    expect(lotIdsText(['15', '16', '18', '19', '20'])).toBe('15, 16 and 18 to 20');
    expect(lotIdsText(['16', '20'])).toBe('16 and 20');
    expect(lotIdsText(['1', '2'])).toBe('1 and 2');
    expect(lotIdsText(['LOT-A', 'LOT-B', 'LOT-C'])).toBe('LOT-A, LOT-B and LOT-C');
  });
});

describe('the value of a procurement whose notices give none but whose award does', () => {
  it('an F03 (076457-2026) shows the awarded value, said to be that', () => {
    const now = new Date('2026-08-12T09:00:00Z');
    // tender.value is absent; the contract's value is 88450 GBP.
    renderPanel(ready(fromStream('page-001', 'ocds-h6vhtk-06e1e4', now), '076457-2026'), now);
    const summary = screen.getByRole('heading', { level: 2 }).closest('.tt-summary')!;
    expect(within(summary as HTMLElement).queryByText('Value')).toBeNull();
    expect(text(within(summary as HTMLElement).getByText('Awarded value').nextElementSibling)).toBe('£88,450');
  });
});

describe('an F15 voluntary ex ante transparency notice (071461-2026, ocds-h6vhtk-03d31c, page-050)', () => {
  // Read by hand: CELEX 32014L0024, tags award+contract; the description says "Please note this
  // is a Voluntary Transparency Notice, this contract has not been awarded yet"; procedure
  // "Negotiated without publication of a contract notice" with the Annex D1 reasons D_PROC_OPEN and
  // D_TECHNICAL. No tender.value; one lot ("1", no title). Award "The Supply Of Medical Gases"
  // (active, lot 1) to BOC Limited; its contract's value 13750000 GBP, dateSigned
  // "2023-08-26T00:00:00+01:00". Buyer Leidos Supply Limited.
  const now = new Date('2026-08-12T09:00:00Z');
  const read = () => fromStream('page-050', 'ocds-h6vhtk-03d31c', now);

  it('says who the contract goes to, its value and date, and asks for no submission', () => {
    renderPanel(ready(read(), '071461-2026'), now);
    expect(text(screen.getByRole('heading', { level: 2 }))).toBe('The Supply Of Gases - Medical');
    expect(text(document.querySelector('.tt-summary__buyer'))).toBe('Leidos Supply Limited');
    const summary = screen.getByRole('heading', { level: 2 }).closest('.tt-summary') as HTMLElement;
    expect(text(within(summary).getByText('Awarded value').nextElementSibling)).toBe('£13,750,000');
    expect(text(within(summary).getByText('Procedure').nextElementSibling)).toBe('Negotiated without publication of a contract notice');
    const award = section('Award');
    expect(text(award.querySelector('.tt-award__name'))).toBe('The Supply Of Medical Gases');
    expect(text(within(award).getByText('Supplier').nextElementSibling)).toBe('BOC Limited');
    expect(text(within(award).getByText('Value').nextElementSibling)).toBe('£13,750,000');
    expect(times(within(award).getByText('Contract signed').nextElementSibling!)).toEqual(['2023-08-25T23:00:00.000Z']);
    expect(within(section('Where to act')).queryByText('Submission')).toBeNull();
    expect(text(section('Next up'))).toContain('Nothing is coming up: the contract was awarded.');
    // One untitled lot is the procurement itself: no lot list.
    expect(screen.queryByRole('heading', { name: /^Lots?\b/ })).toBeNull();
  });
});
