import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeRelease } from '../lib/ocds/merge';
import { readOcds } from '../lib/ocds/read';

describe('OCDS merge', () => {
  it.each([
    ['an absent field is unchanged', { a: 1, b: 2 }, { b: 3 }, { a: 1, b: 3 }],
    ['null removes a field', { a: 1, b: 2 }, { b: null }, { a: 1 }],
    ['objects merge field by field', { t: { x: 1, y: 2 } }, { t: { y: 3 } }, { t: { x: 1, y: 3 } }],
    [
      'lists of objects merge by id',
      { lots: [{ id: '1', v: 1, w: 1 }, { id: '2', v: 2 }] },
      { lots: [{ id: '2', v: 20 }, { id: '3', v: 3 }] },
      { lots: [{ id: '1', v: 1, w: 1 }, { id: '2', v: 20 }, { id: '3', v: 3 }] },
    ],
    ['ids compare as text; the later spelling wins', { lots: [{ id: 1, v: 1 }] }, { lots: [{ id: '1', v: 2 }] }, { lots: [{ id: '1', v: 2 }] }],
    ['lists of values are replaced whole', { tag: ['tender'] }, { tag: ['tenderUpdate'] }, { tag: ['tenderUpdate'] }],
    ['lists of objects without ids are replaced whole', { xs: [{ a: 1 }, { a: 2 }] }, { xs: [{ a: 3 }] }, { xs: [{ a: 3 }] }],
    ['null inside a new object is dropped', {}, { t: { a: null, b: 1 } }, { t: { b: 1 } }],
    ['null inside a list element removes that field', { l: [{ id: 'a', x: 1, y: 2 }] }, { l: [{ id: 'a', x: null }] }, { l: [{ id: 'a', y: 2 }] }],
    ['an empty object changes nothing', { planning: { rationale: 'r' } }, { planning: {} }, { planning: { rationale: 'r' } }],
    ['an empty list changes nothing', { awards: [{ id: '1' }] }, { awards: [] }, { awards: [{ id: '1' }] }],
    ['a new object that receives nothing is left out', {}, { planning: { budget: {} } }, {}],
    ['an object left empty does not replace the value before it', { planning: 'text' }, { planning: { budget: {} } }, { planning: 'text' }],
    [
      'objects that share an id in one list are one object, later fields winning',
      {},
      { awards: [{ id: '1', title: 'A', status: 'pending' }, { id: '2' }, { id: '1', status: 'active' }] },
      { awards: [{ id: '1', title: 'A', status: 'active' }, { id: '2' }] },
    ],
    [
      'objects that share an id merge all the way down',
      {},
      { awards: [{ id: '1', value: { amount: 1, currency: 'GBP' } }, { id: '1', value: { amount: 2 } }] },
      { awards: [{ id: '1', value: { amount: 2, currency: 'GBP' } }] },
    ],
    [
      'a whole-list field is replaced, not merged by id',
      { tender: { items: [{ id: '1', additionalClassifications: [{ scheme: 'CPV', id: '98341000' }] }] } },
      { tender: { items: [{ id: '1', additionalClassifications: [{ scheme: 'CPV', id: '85300000' }] }] } },
      { tender: { items: [{ id: '1', additionalClassifications: [{ scheme: 'CPV', id: '85300000' }] }] } },
    ],
    [
      'an empty whole-list field empties it',
      { parties: [{ id: 'p', additionalIdentifiers: [{ scheme: 'GB-COH', id: '1' }] }] },
      { parties: [{ id: 'p', additionalIdentifiers: [] }] },
      { parties: [{ id: 'p', additionalIdentifiers: [] }] },
    ],
    ['a list with any object lacking an id is replaced whole', { xs: [{ id: 'a' }] }, { xs: [{ id: 'b' }, { v: 1 }] }, { xs: [{ id: 'b' }, { v: 1 }] }],
  ])('%s', (_name, base, update, expected) => {
    expect(mergeRelease<object>(base, update)).toEqual(expected);
  });

  it('changes neither input, so every earlier state stays as it was', () => {
    const base = { tender: { title: 'A', lots: [{ id: '1', title: 'L1' }] } };
    const copy = structuredClone(base);
    const update = { tender: { title: 'B', lots: [{ id: '1', title: 'L1b' }] } };
    mergeRelease<object>(base, update);
    expect(base).toEqual(copy);
  });
});

describe('OCDS merge on real FTS data', () => {
  it('a planning notice that changes the CPV code leaves only the new one (ocds-h6vhtk-06d5dc)', () => {
    // 071458-2026 (28 July 2026, page 50 of the stream) classed item 1 as 98341000
    // "Accommodation services"; 076265-2026 (11 August 2026, page 2) as 85300000 "Social work
    // and related services". additionalClassifications is a wholeListMerge list.
    const page = (name: string) => readFileSync(new URL(`./fixtures/fts/api/whole-stream/${name}`, import.meta.url), 'utf8');
    const read = readOcds(`[${page('page-050.json')},${page('page-002.json')}]`);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const procurement = read.procurements.find((p) => p.procurement.ocid === 'ocds-h6vhtk-06d5dc')!.procurement;
    expect(procurement.notices.map((n) => n.id)).toEqual(['071458-2026', '076265-2026']);
    expect(procurement.cpv).toEqual([{ code: '85300000', description: 'Social work and related services' }]);
  });
});

describe('OCDS merge on deep input', () => {
  /** { tender: { x: { x: … { leaf } } } }, built without recursion. */
  function nested(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
    let node: Record<string, unknown> = leaf;
    for (let i = 0; i < depth; i++) node = { x: node };
    return { tender: node };
  }

  it('merges JSON nested 100,000 deep without running out of stack', () => {
    const depth = 100_000;
    const merged = mergeRelease<Record<string, unknown>>(nested(depth, { a: 1, b: 1 }), nested(depth, { b: 2 }));
    let node = merged.tender as Record<string, unknown>;
    for (let i = 0; i < depth; i++) node = node.x as Record<string, unknown>;
    expect(node).toEqual({ a: 1, b: 2 });
  });
});

describe('OCDS merge on long lists', () => {
  /** The state after one release listing `count` amendments, each element's `id` counting its reads from now on. */
  function stateWithCountedIds(count: number) {
    const first = { tender: { amendments: Array.from({ length: count }, (_, i) => ({ id: String(i + 1), description: `change ${i + 1}` })) } };
    const state = mergeRelease<Record<string, any>>(undefined, first);
    let reads = 0;
    for (const element of state.tender.amendments) {
      const id = element.id;
      Object.defineProperty(element, 'id', { get: () => (reads++, id), enumerable: true, configurable: true });
    }
    return { state, reads: () => reads };
  }

  it('adds one amendment to 10,000 without reading the 10,000 again (10,000 updates are not 10,000² steps)', () => {
    const { state, reads } = stateWithCountedIds(10_000);
    const next = mergeRelease<Record<string, any>>(state, { tender: { amendments: [{ id: '10001', description: 'change 10001' }] } });
    expect(reads()).toBe(0);
    expect(next.tender.amendments).toHaveLength(10_001);
    expect(next.tender.amendments[10_000]).toEqual({ id: '10001', description: 'change 10001' });
    // The state merged from is unchanged.
    expect(state.tender.amendments).toHaveLength(10_000);
  });

  it('finds an amendment by id in a list merged before, and in a second merge from the same state', () => {
    const { state } = stateWithCountedIds(3);
    const a = mergeRelease<Record<string, any>>(state, { tender: { amendments: [{ id: '2', description: 'changed' }, { id: '4', description: 'new' }] } });
    const b = mergeRelease<Record<string, any>>(state, { tender: { amendments: [{ id: '5', description: 'other' }, { id: '4', description: 'own' }] } });
    expect(a.tender.amendments.map((x: { id: string; description: string }) => `${x.id}:${x.description}`)).toEqual(['1:change 1', '2:changed', '3:change 3', '4:new']);
    expect(b.tender.amendments.map((x: { id: string; description: string }) => `${x.id}:${x.description}`)).toEqual(['1:change 1', '2:change 2', '3:change 3', '5:other', '4:own']);
    const c = mergeRelease<Record<string, any>>(a, { tender: { amendments: [{ id: '4', description: 'again' }] } });
    expect(c.tender.amendments.map((x: { id: string }) => x.id)).toEqual(['1', '2', '3', '4']);
    expect(c.tender.amendments[3].description).toBe('again');
  });
});
