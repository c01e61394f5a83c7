/**
 * The reference implementation's own test table (ocdsmerge, OCDS 1.1): each NAME.json, a
 * list of releases, compiles to NAME-compiled.json — through the same reading and merging
 * as every timeline. And the way back: the releases rebuilt from NAME-versioned.json
 * compile to the same state.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileOcds } from '../lib/analyse';
import { referenceDir } from './support/fixtures';

const dir = `${referenceDir}ocds-merge/1.1/`;
const names = readdirSync(dir)
  .filter((file) => file.endsWith('-compiled.json'))
  .map((file) => file.slice(0, -'-compiled.json'.length))
  .sort();

describe('OCDS merge: the ocdsmerge 1.1 fixtures', () => {
  it('finds the whole table', () => {
    expect(names).toHaveLength(17);
  });

  it.each(names)('%s', (name) => {
    const result = compileOcds(readFileSync(`${dir}${name}.json`, 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.procurements).toHaveLength(1);
    const [{ compiledRelease, problems }] = result.procurements as [(typeof result.procurements)[number]];
    expect(problems).toEqual([]);
    expect(compiledRelease).toEqual(JSON.parse(readFileSync(`${dir}${name}-compiled.json`, 'utf8')));
  });
});

describe('OCDS merge: releases rebuilt from the ocdsmerge 1.1 versioned releases', () => {
  it.each(names)('%s', (name) => {
    const versioned = JSON.parse(readFileSync(`${dir}${name}-versioned.json`, 'utf8'));
    const result = compileOcds(JSON.stringify({ ocid: versioned.ocid, versionedRelease: versioned }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [{ compiledRelease, problems }] = result.procurements as [(typeof result.procurements)[number]];
    expect(problems).toEqual([]);
    // A release that changed nothing leaves no trace in a versioned release, so the
    // compiled id and date (those of the latest release) may be an earlier release's.
    const { id: _id, date: _date, ...state } = compiledRelease;
    const { id: _i, date: _d, ...expected } = JSON.parse(readFileSync(`${dir}${name}-compiled.json`, 'utf8'));
    expect(state).toEqual(expected);
  });
});
