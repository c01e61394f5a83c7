/** What changed at each notice, from fixtures whose releases are deltas; expectations read off the JSON. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { ownOcdsDir } from './support/fixtures';

function changesByNotice(file: string) {
  const result = analyseOcds(readFileSync(`${ownOcdsDir}${file}`, 'utf8'), new Date('2026-06-01T12:00:00Z'));
  if (!result.ok) throw new Error(result.message);
  const out: Record<string, { description?: string; changes: string[] }> = {};
  for (const event of result.procurements[0]!.events) {
    if (event.kind === 'amendment') out[event.noticeId] = { description: event.description, changes: event.changes.map((c) => c.text) };
  }
  return out;
}

describe('what changed', () => {
  it('finds the moved deadlines of a delta update, across the BST→GMT change', () => {
    // 066893-2025 sets tenderPeriod.endDate 2025-11-07T12:00:00Z (was 2025-10-24T12:00:00+01:00)
    // and enquiryPeriod.endDate 2025-10-31T17:00:00Z (was 2025-10-17T17:00:00+01:00).
    const amendments = changesByNotice('record-delta-deadline-moves.json');
    expect(amendments['066893-2025']!.changes).toEqual([
      'Enquiry deadline moved from 17 Oct 2025, 17:00 to 31 Oct 2025, 17:00',
      'Submission deadline moved from 24 Oct 2025, 12:00 to 7 Nov 2025, 12:00',
    ]);
    expect(amendments['066893-2025']!.description).toMatch(/^Submission deadline extended to 7 November 2025/);
  });

  it('finds a change that FTS listed no amendment for', () => {
    // 069512-2025 is a tenderUpdate with a new title and a new document, and no tender.amendments.
    const amendments = changesByNotice('record-delta-deadline-moves.json');
    expect(amendments['069512-2025']).toEqual({
      description: undefined,
      changes: [
        'Title changed from “Highways Drainage and Gully Cleansing Services” to “Highways Drainage, Gully Cleansing and CCTV Survey Services”',
        expect.stringMatching(/^Document added: Invitation to tender pack, version 2/),
      ],
    });
  });

  it('states an old-regime corrigendum’s changes as FTS wrote them', () => {
    const amendments = changesByNotice('old-regime-f02-f03-f14.json');
    expect(amendments['020417-2024']!.changes[0]).toBe(
      'Time limit for receipt of tenders or requests to participate (section IV.2.2) changed from “15 Jul 2024, 12:00” to “29 Jul 2024, 12:00”',
    );
  });

  it('finds a contract change notice’s new end date and value', () => {
    // 028104-2026: contracts[0].period.endDate 2026-04-30T23:59:59+01:00 → 2027-04-30T23:59:59+01:00; amount 240000 → 480000.
    expect(changesByNotice('uk10-contract-change.json')['028104-2026']!.changes).toEqual([
      'Contract value changed from £240,000 to £480,000',
      'Contract ends (lot 1) moved from 30 Apr 2026, by end of day to 30 Apr 2027, by end of day',
    ]);
  });
});

describe('comparing only what changed', () => {
  it('finds the same key-date changes as comparing every key date, at every notice of a large generated record', async () => {
    const { generateRecordPackage } = await import('../scripts/bench/generate-record-package');
    const { collectProcurements } = await import('../lib/ocds/shapes');
    const { mergeRelease } = await import('../lib/ocds/merge');
    const { diffStates, keyDateChangesBetween } = await import('../lib/timeline/changes');
    for (const seed of [1, 2, 3]) {
      const doc = generateRecordPackage({ releases: 80, lots: 12, descriptionBytes: 200, seed });
      const [source] = collectProcurements(JSON.parse(JSON.stringify(doc))).procurements;
      let state: any;
      let compared = 0;
      for (const { release } of source!.releases) {
        const next = mergeRelease(state, release);
        if (state) {
          const narrowed = diffStates(state, next).filter((c) => c.field.startsWith('keyDate:')).map((c) => c.text).sort();
          expect(narrowed).toEqual(keyDateChangesBetween(state, next).map((c) => c.text).sort());
          compared += narrowed.length;
        }
        state = next;
      }
      expect(compared).toBeGreaterThan(0);
    }
  });
});
