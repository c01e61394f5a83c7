import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real FTS records shared with the project, outside the repository. */
export const sharedOcdsDir = fileURLToPath(new URL('../../../shared/fixtures/ocds/', import.meta.url));
/** Fixtures made for this project in FTS's image (see their README). */
export const ownOcdsDir = fileURLToPath(new URL('../fixtures/ocds/', import.meta.url));

export function readShared(name: string): string {
  return readFileSync(`${sharedOcdsDir}${name}`, 'utf8');
}

export function sharedFixtureNames(): string[] {
  return readdirSync(sharedOcdsDir).filter((name) => name.endsWith('.json')).sort();
}

/** A real compiled record, parsed afresh (tests mutate it). */
export function sharedRecord(name = 'ocds-h6vhtk-05cfd9.json'): Record<string, any> {
  return JSON.parse(readShared(name));
}
