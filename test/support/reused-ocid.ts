/**
 * A reused ocid as FTS publishes one: `ocds-h6vhtk-02874c` holds releases of over 100
 * different buyers' procurements. Generated from real releases: the first release of each
 * of the first `count` buyers (by `buyer.id`) in the recorded whole stream
 * (test/fixtures/fts/api/whole-stream/page-*.json, newest first), each with its ocid set to
 * the reused one and nothing else changed, in one release package — as
 * `GET /api/1.0/ocdsReleasePackages/{ocid}` answers (newest first).
 */
import { readdirSync, readFileSync } from 'node:fs';

export const REUSED_OCID = 'ocds-h6vhtk-02874c';

type Json = Record<string, any>;

const STREAM_DIR = new URL('../fixtures/fts/api/whole-stream/', import.meta.url);

/** Every release of the recorded whole stream, in page order. */
export function wholeStreamReleases(): Json[] {
  return readdirSync(STREAM_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => (JSON.parse(readFileSync(new URL(name, STREAM_DIR), 'utf8')) as { releases: Json[] }).releases);
}

/** The first release of each of the first `count` distinct buyers of the whole stream. */
export function releasesOfDistinctBuyers(count: number): Json[] {
  const byBuyer = new Map<string, Json>();
  for (const release of wholeStreamReleases()) {
    const buyer = release.buyer?.id;
    if (typeof buyer === 'string' && !byBuyer.has(buyer)) byBuyer.set(buyer, release);
    if (byBuyer.size === count) break;
  }
  if (byBuyer.size < count) throw new Error(`the whole stream has only ${byBuyer.size} buyers`);
  return [...byBuyer.values()];
}

/** FTS's release package of the reused ocid: `count` releases of `count` different buyers. */
export function reusedOcidPackage(count: number): Json {
  return {
    uri: `https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/${REUSED_OCID}`,
    publisher: { name: 'Cabinet Office', scheme: 'GB-GOR', uid: 'D2' },
    publishedDate: '2026-08-12T00:00:00Z',
    version: '1.1',
    releases: releasesOfDistinctBuyers(count).map((release) => ({ ...structuredClone(release), ocid: REUSED_OCID })),
  };
}
