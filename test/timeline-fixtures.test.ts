/**
 * Each fixture's whole timeline against one written by hand from its JSON
 * (test/expected/): every notice, amendment and key date, in order, with London time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { fixtures } from './expected/index.ts';

const NOW = new Date('2026-06-01T12:00:00Z');

describe.each(Object.entries(fixtures))('%s', (_name, fixture) => {
  const result = analyseOcds(readFileSync(fixture.file, 'utf8'), NOW);
  if (!result.ok) throw new Error(result.message);
  const [read] = result.procurements;

  it('is one procurement, read without problems', () => {
    expect(result.procurements).toHaveLength(1);
    expect(read!.problems).toEqual([]);
  });

  it('names the procurement', () => {
    expect({ ocid: read!.procurement.ocid, title: read!.procurement.title, buyer: read!.procurement.buyer?.name }).toEqual({
      ocid: fixture.procurement.ocid,
      title: fixture.procurement.title,
      buyer: fixture.procurement.buyer,
    });
  });

  it('gives the whole timeline written out by hand', () => {
    const actual = read!.events.map((event) => ({
      kind: event.kind,
      ...(event.kind === 'keyDate' ? { type: event.type } : { noticeId: event.noticeId }),
      ...(event.kind === 'notice' && event.noticeType ? { noticeType: event.noticeType } : {}),
      at: event.at,
      date: event.date,
      time: event.time,
      lots: event.lots,
      source: event.source,
      ...(event.kind === 'keyDate' && event.estimated ? { estimated: true } : {}),
      ...(event.kind === 'keyDate' && event.status === 'void' ? { void: true } : {}),
    }));
    const wanted = fixture.expected.map(({ raw, ...rest }) => ({ ...rest, at: new Date(raw).toISOString() }));
    expect(actual).toEqual(wanted);
  });
});
