/**
 * `quickParse` gives what zod's parse of the release schema gives — the same values, the
 * same fields in the same order — for every release that passes, and never passes one
 * that zod would not: on the real FTS data, the own fixtures, and those releases with
 * fields dropped, retyped or nulled anywhere.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quickParse, UNSURE } from '../lib/ocds/quick-parse';
import { releaseSchema } from '../lib/ocds/schema';
import { ownOcdsDir, readFtsApi, readReal, realFixtureNames } from './support/fixtures';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every release-like object of a document: releases, compiled releases, and compiled records read as one. */
function releasesIn(text: string): Json[] {
  const doc = JSON.parse(text) as any;
  const records: any[] = doc.records ?? (doc.releases ? [] : [doc]);
  return [...(doc.releases ?? []), ...records.flatMap((r) => [...(r.releases ?? []).filter((x: any) => x.tender || x.awards), ...(r.compiledRelease ? [r.compiledRelease] : [])])];
}

const texts = [
  ...realFixtureNames().map(readReal),
  ...['whole-stream/page-001.json', 'whole-stream/page-050.json', 'whole-stream/page-111.json'].map(readFtsApi),
  ...readdirSync(ownOcdsDir).filter((n) => n.endsWith('.json')).map((n) => readFileSync(`${ownOcdsDir}${n}`, 'utf8')),
];
const releases = texts.flatMap(releasesIn);

/** The same value and the same order of fields everywhere. */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

function paths(node: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (Array.isArray(node)) node.forEach((child, i) => paths(child, [...prefix, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, child] of Object.entries(node)) paths(child, [...prefix, k], out);
  return out;
}

const replacements: Json[] = [null, 42, 1.5, -1, '', 'x', '2026-13-45T99:00:00Z', '9999-12-31T00:00:00Z', '2026-07-01', true, {}, [], [null], { id: 7 }, [{ id: 1 }]];

describe('quickParse', () => {
  it('reads every real and own release as zod does, without asking zod', () => {
    expect(releases.length).toBeGreaterThan(100);
    for (const release of releases) {
      const quick = quickParse(releaseSchema, release);
      expect(quick).not.toBe(UNSURE);
      const zod = releaseSchema.safeParse(structuredClone(release));
      expect(zod.success).toBe(true);
      expectSame(quick, zod.data);
    }
  });

  it('gives zod’s answer or none, whatever is dropped, retyped or nulled', () => {
    let passed = 0;
    let unsure = 0;
    fc.assert(
      fc.property(fc.nat(releases.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('drop', 'retype')), { minLength: 1, maxLength: 4 }), (which, edits) => {
        const release = structuredClone(releases[which]!);
        for (const [at, pick, kind] of edits) {
          const all = paths(release).filter((p) => p.length > 0);
          if (all.length === 0) break;
          const path = all[at % all.length]!;
          let parent: any = release;
          for (const segment of path.slice(0, -1)) parent = parent[segment];
          const key = path[path.length - 1]!;
          if (kind === 'drop') {
            if (Array.isArray(parent)) parent.splice(key as number, 1);
            else delete parent[key];
          } else parent[key] = structuredClone(replacements[pick % replacements.length]!);
        }
        const quick = quickParse(releaseSchema, release);
        const zod = releaseSchema.safeParse(structuredClone(release));
        if (quick === UNSURE) {
          unsure++;
          return;
        }
        passed++;
        expect(zod.success).toBe(true);
        expectSame(quick, zod.data);
      }),
      { numRuns: 600 },
    );
    // Both ways were taken.
    expect(passed).toBeGreaterThan(50);
    expect(unsure).toBeGreaterThan(50);
  });

  it('leaves a field named __proto__ to zod, and numbers zod refuses', () => {
    const release = JSON.parse('{"ocid":"ocds-x","id":"1","__proto__":{"a":1}}');
    expect(quickParse(releaseSchema, release)).toBe(UNSURE);
    expect(quickParse(releaseSchema, { ocid: 'ocds-x', tender: { value: { amount: Number.POSITIVE_INFINITY } } })).toBe(UNSURE);
    expect(quickParse(releaseSchema, { ocid: 'ocds-x', id: 12, tender: { lots: [{ id: 3 }] } })).toEqual({ ocid: 'ocds-x', id: '12', tender: { lots: [{ id: '3' }] } });
  });
});
