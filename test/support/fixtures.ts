import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyseOcds } from '../../lib/analyse';
import type { Procurement } from '../../lib/procurement';
import type { Snapshot } from '../../lib/watchlist/db';

/** The real FTS compiled records (see test/fixtures/fts/README.md). */
export const realOcdsDir = fileURLToPath(new URL('../fixtures/fts/records/', import.meta.url));
/** Fixtures made for this project in FTS's image (see their README). */
export const ownOcdsDir = fileURLToPath(new URL('../fixtures/ocds/', import.meta.url));

export function readReal(name: string): string {
  return readFileSync(`${realOcdsDir}${name}`, 'utf8');
}

export function realFixtureNames(): string[] {
  return readdirSync(realOcdsDir).filter((name) => name.endsWith('.json')).sort();
}

/** A real compiled record, parsed afresh (tests mutate it). */
export function realRecord(name = 'ocds-h6vhtk-05cfd9.json'): Record<string, any> {
  return JSON.parse(readReal(name));
}

/** The real UK4 tender notice of ocds-h6vhtk-05cfd9 as a single release (before its UK12). */
export function tenderRelease() {
  const record = realRecord();
  record.id = '066750-2025';
  record.tag = ['tender'];
  record.date = '2025-10-20T14:19:05+01:00';
  record.tender.documents = record.tender.documents.slice(0, 2);
  delete record.awards;
  return record;
}

/** The real UK12 of ocds-h6vhtk-05cfd9 as its own release: its document, the cancelled awards. */
export function terminationRelease() {
  return {
    ocid: 'ocds-h6vhtk-05cfd9',
    id: '077802-2025',
    date: '2025-11-27T15:48:17Z',
    tag: ['award', 'tenderUpdate'],
    tender: { id: 'CONT0393', status: 'complete', documents: [realRecord().tender.documents[2]] },
    awards: realRecord().awards,
  };
}

/** OCP's reference data: ocdsmerge's fixtures and the fictional example (see its README). */
export const referenceDir = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

/** Real FTS API answers, recorded (see test/fixtures/fts/README.md, `api/`). */
export const ftsApiDir = fileURLToPath(new URL('../fixtures/fts/api/', import.meta.url));

/** One recorded FTS API answer as text, e.g. `whole-stream/page-050.json`. */
export function readFtsApi(name: string): string {
  return readFileSync(`${ftsApiDir}${name}`, 'utf8');
}

/** The procurement a real FTS record (test/fixtures/fts/records/) holds, read as of `now`. */
export function realProcurement(name: string, now: Date): Procurement {
  const result = analyseOcds(readReal(name), now);
  if (!result.ok) throw new Error(result.message);
  return result.procurements[0]!.procurement;
}

/** A snapshot of `procurement` taken at `takenAt`, as the store keeps one. */
export const snapshotOf = (procurement: Procurement, takenAt: Date): Snapshot => ({ ocid: procurement.ocid, takenAt: takenAt.toISOString(), procurement });
