/**
 * Property tests on the real FTS records: whatever is dropped, retyped, nulled,
 * duplicated or reordered, the reader never throws, every event's source path leads to
 * the value its instant came from, events stay sorted, and reading is deterministic.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOcds } from '../lib/analyse';
import { parseInstant } from '../lib/dates';
import { valueAtPath } from '../lib/ocds/json-path';
import { compareEvents } from '../lib/timeline/build';
import { ownOcdsDir, readReal, realFixtureNames } from './support/fixtures';

const NOW = new Date('2026-06-01T12:00:00Z');

const ownFixtures = (() => {
  try {
    return readdirSync(ownOcdsDir).filter((n) => n.endsWith('.json')).map((n) => readFileSync(`${ownOcdsDir}${n}`, 'utf8'));
  } catch {
    return [];
  }
})();
const fixtures = [...realFixtureNames().map(readReal), ...ownFixtures];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

function allPaths(node: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(node)) node.forEach((child, i) => allPaths(child, [...prefix, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, child] of Object.entries(node)) allPaths(child, [...prefix, k], out);
  return out;
}

function parentOf(root: Json, path: Path): { parent: any; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: any = root;
  for (const segment of path.slice(0, -1)) node = node[segment];
  return { parent: node, key: path[path.length - 1]! };
}

const replacements: Json[] = [null, 42, -1, 0, 'x', '', 'TBC', '2026-13-45T99:00:00Z', true, {}, [], [null], { id: 'x' }];
const mutationKinds = ['drop', 'retype', 'null', 'duplicate', 'reorder'] as const;

/** Applies one mutation at the chosen place; every kind works on any node. */
function mutate(root: Json, path: Path, kind: (typeof mutationKinds)[number], pick: number): Json {
  const target = parentOf(root, path);
  if (!target) return kind === 'retype' ? replacements[pick % replacements.length]! : root;
  const { parent, key } = target;
  const value = parent[key];
  switch (kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'retype':
      parent[key] = replacements[pick % replacements.length]!;
      break;
    case 'null':
      parent[key] = null;
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(value));
      else if (Array.isArray(value)) parent[key] = [...value, ...structuredClone(value)];
      else parent[`${key}`] = structuredClone(value);
      break;
    case 'reorder':
      if (Array.isArray(value)) value.reverse();
      else if (value && typeof value === 'object') parent[key] = Object.fromEntries(Object.entries(value).reverse());
      break;
  }
  return root;
}

const mutatedFixture = fc
  .record({
    fixture: fc.nat(fixtures.length - 1),
    mutations: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom(...mutationKinds), pick: fc.nat() }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ fixture, mutations }) => {
    let root = JSON.parse(fixtures[fixture]!) as Json;
    for (const { at, kind, pick } of mutations) {
      const paths = allPaths(root);
      root = mutate(root, paths[at % paths.length]!, kind, pick);
    }
    return JSON.stringify(root);
  });

describe('reading mutated real records', () => {
  it('never throws, and every event is traceable, sorted and the same on every read', () => {
    fc.assert(
      fc.property(mutatedFixture, (text) => {
        const result = analyseOcds(text, NOW);
        if (!result.ok) {
          expect(result.message).toMatch(/^(This page's data is not OCDS: |This OCDS package is empty: )/);
          return;
        }
        const input = JSON.parse(text) as unknown;
        for (const { events } of result.procurements) {
          for (const event of events) {
            const value = valueAtPath(input, event.source);
            expect(typeof value, `${event.id} ← ${event.source}`).toBe('string');
            expect(parseInstant(value as string)?.toISOString(), `${event.id} ← ${event.source}`).toBe(event.at);
          }
          for (let i = 1; i < events.length; i++) expect(compareEvents(events[i - 1]!, events[i]!)).toBeLessThanOrEqual(0);
        }
        expect(analyseOcds(text, NOW)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on releases given in any order, and the timeline does not depend on that order', () => {
    const withReleases = fixtures.map((t) => JSON.parse(t)).filter((j) => Array.isArray(j.records?.[0]?.releases) || Array.isArray(j.releases));
    if (withReleases.length === 0) return;
    fc.assert(
      fc.property(fc.nat(withReleases.length - 1), fc.nat(), (which, seed) => {
        const doc = structuredClone(withReleases[which]);
        const list: unknown[] = doc.records ? doc.records[0].releases : doc.releases;
        const shuffled = fc.sample(fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }), { numRuns: 1, seed })[0]!;
        list.splice(0, list.length, ...shuffled);
        const a = analyseOcds(JSON.stringify(doc), NOW);
        const b = analyseOcds(JSON.stringify(withReleases[which]), NOW);
        const strip = (r: typeof a) => (r.ok ? r.procurements.map((p) => p.events.map(({ source: _s, ...rest }) => rest)) : r);
        expect(strip(a)).toEqual(strip(b));
      }),
      { numRuns: 50 },
    );
  });
});
