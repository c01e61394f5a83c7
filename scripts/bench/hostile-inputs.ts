/**
 * Generated hostile inputs: small or FTS-sized documents shaped to make a careless reader
 * slow (work growing faster than the input) or make it throw (deep nesting, masses of bad
 * fields). The benchmark times them and test/bounds.test.ts checks what they read to.
 * Same arguments, same text: nothing random, no clock.
 */

const OCID_PREFIX = 'ocds-h6vhtk-';

const ocid = (n: number): string => `${OCID_PREFIX}${String(n).padStart(6, '0')}`;
/** A publication instant n minutes after 1 April 2026 (UTC). */
const at = (n: number): string => new Date(Date.UTC(2026, 3, 1) + n * 60_000).toISOString().replace('.000Z', 'Z');

/** A list of `count` one-release procurements with the commas between them missing: one repair per gap. */
export function missingCommasList(count: number): string {
  const releases = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ ocid: ocid(i + 1), id: `${String(i + 1).padStart(6, '0')}-2026`, date: at(i), tag: ['tender'], tender: { id: String(i + 1), title: `Lot ${i + 1}` } }),
  );
  return `[${releases.join(' ')}]`;
}

/** A release package of one procurement: a tender notice, then `updates` update releases, each moving the tender deadline. */
export function manyUpdates(updates: number): string {
  const releases = Array.from({ length: updates + 1 }, (_, i) => ({
    ocid: ocid(1),
    id: `${String(i + 1).padStart(6, '0')}-2026`,
    date: at(i),
    tag: [i === 0 ? 'tender' : 'tenderUpdate'],
    tender: {
      id: '1',
      ...(i === 0 ? { title: 'Road maintenance', status: 'active' } : {}),
      tenderPeriod: { endDate: at(updates + 10_000 + i) },
      ...(i === 0 ? {} : { amendments: [{ id: String(i), date: at(i), description: `Deadline moved (${i})` }] }),
    },
  }));
  return JSON.stringify({ uri: 'https://example.org/package', releases });
}

/** One tender release with `lots` lots, and as many awards and contracts (one per lot) when `awarded`. */
export function manyLots(lots: number, awarded = false): string {
  const lotList = Array.from({ length: lots }, (_, i) => ({
    id: String(i + 1),
    title: `Lot ${i + 1}`,
    status: 'active',
    value: { amount: 1000 + i, currency: 'GBP' },
    contractPeriod: { startDate: at(100_000), endDate: at(200_000 + i) },
  }));
  const awards = awarded
    ? Array.from({ length: lots }, (_, i) => ({ id: `a${i + 1}`, status: 'active', relatedLots: [String(i + 1)], date: at(50_000), milestones: [] }))
    : undefined;
  const contracts = awarded
    ? Array.from({ length: lots }, (_, i) => ({ id: `c${i + 1}`, awardID: `a${i + 1}`, status: 'active', period: { startDate: at(100_000), endDate: at(300_000 + i) } }))
    : undefined;
  return JSON.stringify({
    ocid: ocid(1),
    id: '000001-2026',
    date: at(0),
    tag: awarded ? ['tender', 'award', 'contract'] : ['tender'],
    tender: { id: '1', title: 'Framework', status: 'active', lots: lotList, tenderPeriod: { endDate: at(10_000) } },
    ...(awards ? { awards, contracts } : {}),
  });
}

/** A valid release with a value nested `depth` arrays deep in an unknown field of its tender. */
export function deeplyNested(depth: number): string {
  return `{"ocid":"${ocid(1)}","id":"000001-2026","date":"${at(0)}","tag":["tender"],"tender":{"id":"1","title":"Deep","deep":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
}

/** A valid release whose every one of `lots` lots has wrongly typed fields. */
export function badlyTypedLots(lots: number): string {
  const lot = '{"id":{},"title":5,"value":{"amount":"lots"}}';
  return `{"ocid":"${ocid(1)}","id":"000001-2026","date":"${at(0)}","tag":["tender"],"tender":{"id":"1","title":"Bad lots","lots":[${Array(lots).fill(lot).join(',')}]}}`;
}
