import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** OCP's reference data: ocdsmerge's fixtures and the fictional example (see its README). */
export const referenceDir = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

/** Real FTS API answers, recorded (see test/fixtures/fts/README.md, `api/`). */
export const ftsApiDir = fileURLToPath(new URL('../fixtures/fts/api/', import.meta.url));

/** One recorded FTS API answer as text, e.g. `whole-stream/page-050.json`. */
export function readFtsApi(name: string): string {
  return readFileSync(`${ftsApiDir}${name}`, 'utf8');
}
