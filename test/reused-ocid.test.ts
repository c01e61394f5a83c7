/**
 * A reused ocid (test/support/reused-ocid.ts): FTS has published over 100 releases of
 * different buyers' procurements under `ocds-h6vhtk-02874c`. Here: the first release of
 * each of the first 120 buyers of the recorded whole stream (pages 1 and 2, 11 August 2026,
 * 14:46 to 23:36 BST), under that ocid. Expected values are read from those pages.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { readOcds } from '../lib/ocds/read';
import { REUSED_OCID, reusedOcidPackage, wholeStreamReleases } from './support/reused-ocid';

function readOne(pkg: unknown) {
  const read = readOcds(JSON.stringify(pkg));
  if (!read.ok) throw new Error(read.message);
  expect(read.procurements).toHaveLength(1);
  return read.procurements[0]!;
}

describe('a reused ocid: 120 releases of 120 buyers', () => {
  const pkg = reusedOcidPackage(120);

  it('reads every release as a notice, shown as FTS publishes it', () => {
    const { procurement } = readOne(pkg);
    expect(procurement.ocid).toBe(REUSED_OCID);
    expect(procurement.notices).toHaveLength(120);
    // Oldest: 076299-2026 at 14:46:09 BST; newest: 076460-2026 at 23:36:44 BST (page 1's first).
    expect(procurement.notices[0]).toMatchObject({ id: '076299-2026', publishedAt: '2026-08-11T13:46:09.000Z' });
    expect(procurement.notices.at(-1)).toMatchObject({ id: '076460-2026', publishedAt: '2026-08-11T22:36:44.000Z' });
    // The current state is the merge of them all: the newest release's buyer and title.
    expect(procurement.buyer).toMatchObject({ id: 'GB-PPON-PVLQ-8225-QVHT', name: 'London Borough of Wandsworth' });
    expect(procurement.title).toBe('Garratt Park Depot - Full Resurfacing and Drainage System Upgrades');
  });

  it('says the releases name different buyers, naming the first five (oldest first)', () => {
    const { problems } = readOne(pkg);
    const buyers = problems.filter((p) => p.message.includes('different buyers'));
    expect(buyers).toEqual([
      {
        // The second oldest, 076300-2026 (NHS West Yorkshire ICB), is the package's 119th release.
        path: '$.releases[118].buyer',
        message:
          'the releases of ocds-h6vhtk-02874c name 120 different buyers (Nuclear Restoration Services Limited; NHS West Yorkshire Integrated Care Board; ' +
          'East Riding of Yorkshire Council; CARDIFF UNIVERSITY; Staffordshire County Council; and 115 more): ' +
          'Find a Tender has published them under one procurement identifier, so they may be different procurements',
      },
    ]);
  });
});

describe('one buyer: no such problem', () => {
  it('the real UK3 and UK4 of ocds-h6vhtk-069311 (Northern Lighthouse Board)', () => {
    const text = readFileSync(new URL('./fixtures/fts/api/conversions/uk3-069311.json', import.meta.url), 'utf8');
    const { problems } = readOne(JSON.parse(text));
    expect(problems.filter((p) => p.message.includes('different buyers'))).toEqual([]);
  });

  // Page 111 has Calderdale's buyer id GB-PPON-PNQT-4842-NXXN as "The Borough Council of
  // Calderdale" (065420-2026) and "Borough Council of Calderdale" (065399-2026): one buyer.
  it('one buyer id under two spellings of its name', () => {
    const releases = wholeStreamReleases().filter((r) => r.id === '065420-2026' || r.id === '065399-2026');
    expect(releases.map((r) => r.buyer.name).sort()).toEqual(['Borough Council of Calderdale', 'The Borough Council of Calderdale']);
    const { problems } = readOne({ releases: releases.map((r) => ({ ...r, ocid: REUSED_OCID })) });
    expect(problems.filter((p) => p.message.includes('different buyers'))).toEqual([]);
  });
});
