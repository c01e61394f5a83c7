import { describe, expect, it } from 'vitest';
import { mergeRelease } from '../lib/ocds/merge';

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
