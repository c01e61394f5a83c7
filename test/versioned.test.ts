/**
 * History from `versionedRelease`: OCP's fictional example as a record package whose
 * releases are only links (url, date, tag), with a compiled and a versioned release — the
 * same contracting process as the six embedded releases beside it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { parseInstant } from '../lib/dates';
import { valueAtPath } from '../lib/ocds/json-path';
import type { ProcurementTimeline } from '../lib/analyse';
import { referenceDir } from './support/fixtures';

const NOW = new Date('2010-04-01T00:00:00Z');
const dir = `${referenceDir}ocds-fictional-example/`;
const withVersions = () => JSON.parse(readFileSync(`${dir}record/ocds-213czf-000-00001-withversions.json`, 'utf8'));

function analyse(input: unknown): ProcurementTimeline {
  const result = analyseOcds(JSON.stringify(input), NOW);
  if (!result.ok) throw new Error(result.message);
  expect(result.procurements).toHaveLength(1);
  return result.procurements[0]!;
}

/** Each event and notice stripped of where it was read from: what a reader sees. */
const seen = ({ events }: ProcurementTimeline) => events.map(({ source: _source, id: _id, ...rest }) => rest);
const noticesSeen = ({ procurement }: ProcurementTimeline) =>
  procurement.notices.map(({ source: _source, amendment, ...rest }) => ({ ...rest, amendment: amendment && { ...amendment, source: undefined } }));

describe('a record whose releases are only links', () => {
  it('has every notice, with its id, date and tags, from the versioned release', () => {
    const read = analyse(withVersions());
    // Read by hand from the record's list of links and the releaseID/releaseDate/releaseTag of the versioned values.
    expect(read.procurement.notices.map((n) => [n.id, n.publishedAt, n.tags])).toEqual([
      ['ocds-213czf-000-00001-01-planning', '2009-03-15T14:45:00.000Z', ['planning']],
      ['ocds-213czf-000-00001-02-tender', '2010-03-15T09:30:00.000Z', ['tender']],
      ['ocds-213czf-000-00001-03-tenderAmendment', '2010-03-20T09:45:00.000Z', ['tenderAmendment']],
      ['ocds-213czf-000-00001-04-award', '2010-05-10T09:30:00.000Z', ['award']],
      ['ocds-213czf-000-00001-05-contract', '2010-05-10T10:30:00.000Z', ['contract']],
      ['ocds-213czf-000-00001-06-implementation', '2011-01-10T09:30:00.000Z', ['implementation']],
    ]);
    // Every link has its release: nothing is missing.
    expect(read.problems).toEqual([]);
  });

  it('knows what each notice changed', () => {
    const notices = analyse(withVersions()).procurement.notices;
    const amendment = notices.find((n) => n.id === 'ocds-213czf-000-00001-03-tenderAmendment')!;
    // versionedRelease.tender.tenderPeriod.endDate: 2010-04-01T18:00:00Z from 02-tender, then
    // 2010-04-08T18:00:00Z from 03-tenderAmendment; document 6.0 "Enquiry Responses" first appears in 03.
    expect(amendment.changes).toEqual([
      expect.objectContaining({ field: 'keyDate:submissionDeadline', before: '2010-04-01T18:00:00.000Z', after: '2010-04-08T18:00:00.000Z' }),
      expect.objectContaining({ field: 'documents', after: 'Enquiry Responses' }),
    ]);
    expect(amendment.amendment).toMatchObject({ at: '2010-03-20T09:45:00.000Z', source: '$.records[0].versionedRelease.tender.amendments[0].date[0].value' });
    // 02-tender set the tender's status: "planned" in 01-planning, "active" in 02-tender.
    expect(notices[1]!.changes).toContainEqual(expect.objectContaining({ field: 'status', before: 'planned', after: 'active' }));
  });

  it('reads the same timeline as the six embedded releases of the same process', () => {
    const embedded = analyse(JSON.parse(readFileSync(`${dir}ocds-213czf-000-00001.json`, 'utf8')));
    const linked = analyse(withVersions());
    expect(noticesSeen(linked)).toEqual(noticesSeen(embedded));
    expect(seen(linked)).toEqual(seen(embedded));
  });

  it('points every source at the value in the versioned release, even without a compiled release', () => {
    const input = withVersions();
    delete input.records[0].compiledRelease;
    const read = analyse(input);
    expect(read.problems).toEqual([]);
    const root = JSON.parse(JSON.stringify(input)) as unknown;
    for (const event of read.events) {
      expect(event.source, event.label).toMatch(/^\$\.records\[0\]\.versionedRelease\./);
      expect(parseInstant(valueAtPath(root, event.source) as string)?.toISOString(), `${event.label} ← ${event.source}`).toBe(event.at);
    }
    const deadline = read.events.find((e) => e.kind === 'keyDate' && e.type === 'submissionDeadline')!;
    expect(deadline).toMatchObject({ at: '2010-04-08T18:00:00.000Z', source: '$.records[0].versionedRelease.tender.tenderPeriod.endDate[1].value' });
    // Without the published compiled release, its state is the releases merged.
    expect(seen(read)).toEqual(seen(analyse(withVersions())));
  });

  it('says which links the versioned release has nothing from', () => {
    const input = withVersions();
    input.records[0].releases.push({ url: 'https://example.com/ocds-213czf-000-00001-07.json', date: '2011-02-01T09:30:00Z', tag: ['contractAmendment'] });
    expect(analyse(input).problems).toEqual([
      { path: '$.records[0].releases[6]', message: 'this release is only a link, and the versioned release holds nothing from it; its content is not in the data' },
    ]);
    delete input.records[0].versionedRelease;
    const withoutHistory = analyse(input);
    expect(withoutHistory.problems).toHaveLength(7);
    expect(withoutHistory.procurement.notices.map((n) => n.id)).toEqual([]);
  });

  it('reports a field that is not a list of versioned values at its place, and reads the rest', () => {
    const input = withVersions();
    input.records[0].versionedRelease.tender.title = 'Planned cycle lane improvements';
    const read = analyse(input);
    expect(read.problems).toEqual([
      { path: '$.records[0].versionedRelease.tender.title', message: 'expected a list of versioned values (releaseID, releaseDate, releaseTag, value); it was left out' },
    ]);
    expect(read.procurement.notices).toHaveLength(6);
  });

  it('reports a versioned value the schema refuses at the value itself', () => {
    const input = withVersions();
    input.records[0].versionedRelease.tender.tenderPeriod.endDate[1].value = 'next Friday';
    delete input.records[0].compiledRelease;
    const read = analyse(input);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: '$.records[0].versionedRelease.tender.tenderPeriod.endDate[1].value' }),
    ]);
    // The deadline stays where 02-tender set it.
    expect(read.events.find((e) => e.kind === 'keyDate' && e.type === 'submissionDeadline')).toMatchObject({ at: '2010-04-01T18:00:00.000Z' });
  });

  it('stops at a depth no OCDS reaches, and says so', () => {
    const input = withVersions();
    let deep: Record<string, unknown> = { title: [{ releaseID: 'x', releaseDate: '2011-01-10T09:30:00Z', releaseTag: ['tender'], value: 'deep' }] };
    for (let i = 0; i < 2_000; i++) deep = { x: deep };
    input.records[0].versionedRelease.tender.deep = deep;
    const read = analyse(input);
    expect(read.problems).toEqual([expect.objectContaining({ message: 'nested more than 64 levels deep; it was left out' })]);
    expect(read.procurement.notices).toHaveLength(6);
  });
});
