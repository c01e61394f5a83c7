/**
 * Data for the journeys: the project's FTS-shaped fixtures (test/fixtures/ocds/) with their
 * hand-written timelines (test/expected/), copies under other ids (so the background's cache
 * never answers in place of the stand-in), and a hostile variant.
 */
import { readFileSync } from 'node:fs';
import { fixtures, type ExpectedEvent } from '../expected/index.ts';

export interface JourneyCase {
  /** Raw fixture text, served as FTS would serve it. */
  text: string;
  ocid: string;
  /** The notice whose page is opened (the latest one). */
  noticeId: string;
  /** Every notice id in the record. */
  noticeIds: string[];
  title: string;
  buyer: string;
  /** The hand-written timeline (test/expected/<name>.ts), ids already mapped. */
  expected: ExpectedEvent[];
}

/** Record package of a UK4 and two `tenderUpdate` deltas (Bristol City Council, ocds-h6vhtk-05c8e4). */
export const RECORD_FIXTURE = 'record-delta-deadline-moves.json';

export function journeyCase(name = RECORD_FIXTURE): JourneyCase {
  const entry = fixtures[name];
  if (!entry) throw new Error(`no fixture ${name} in test/expected/index.ts`);
  const text = readFileSync(entry.file, 'utf8');
  const data = JSON.parse(text) as { records?: { releases: { id: string }[] }[]; releases?: { id: string }[] };
  const releases = data.records?.[0]?.releases ?? data.releases ?? [];
  const noticeIds = releases.map((r) => r.id);
  return {
    text,
    ocid: entry.procurement.ocid,
    noticeId: noticeIds[noticeIds.length - 1]!,
    noticeIds,
    title: entry.procurement.title ?? '',
    buyer: entry.procurement.buyer ?? '',
    expected: entry.expected,
  };
}

/**
 * The same procurement under a new ocid and new notice ids (`tag`, three digits, makes them
 * unique: `'429'` gives `ocds-h6vhtk-e2e429` and notices `900429-2025`, `901429-2025` …): a
 * fresh procurement for the extension. Notice ids stay `\d{6}-\d{4}`, as FTS's are.
 */
export function renamed(base: JourneyCase, tag: string): JourneyCase {
  if (!/^\d{3}$/.test(tag)) throw new Error(`renamed: tag must be three digits, got ${JSON.stringify(tag)}`);
  const suffix = tag;
  const ocid = `ocds-h6vhtk-e2e${suffix}`;
  const map = new Map<string, string>([[base.ocid, ocid]]);
  base.noticeIds.forEach((id, i) => map.set(id, `9${String(i).padStart(2, '0')}${suffix}-${id.slice(-4)}`));
  let text = base.text;
  for (const [from, to] of map) text = text.replaceAll(from, to);
  return {
    ...base,
    text,
    ocid,
    noticeId: map.get(base.noticeId)!,
    noticeIds: base.noticeIds.map((id) => map.get(id)!),
    expected: base.expected.map((e) => (e.noticeId ? { ...e, noticeId: map.get(e.noticeId) ?? e.noticeId } : e)),
  };
}

/** Marks everything hostile, so `hostileEffects` can find what became live DOM. */
export const HOSTILE_MARKER = 'e2e-hostile-7f3a';
const RUN = (how: string) => `document.documentElement.dataset.e2eHostileRan='${how}'`;

export const HOSTILE = {
  title: `<img src="https://evil.example/${HOSTILE_MARKER}.png" onerror="${RUN('img-onerror')}"><script>${RUN('script')}</script>Hostile "title" & <b>${HOSTILE_MARKER}</b> \u202Egnp.exe`,
  name: `</style><style>*{display:none!important}</style><a href="javascript:${RUN('buyer-link')}">${HOSTILE_MARKER} Council</a>`,
  description: `<iframe src="https://evil.example/${HOSTILE_MARKER}"></iframe>` + 'A very long description. '.repeat(8_000),
  javascriptUrl: `javascript:${RUN('javascript-url')}//${HOSTILE_MARKER}`,
  httpUrl: `http://evil.example/${HOSTILE_MARKER}`,
} as const;

/**
 * `base` with hostile text in every title, name, description and URL (alternating javascript:
 * and http: URLs), and every amount an overflowing `1e9999` as FTS has served. Dates, ids and
 * the shape are kept, so the timeline still builds.
 */
export function hostile(base: JourneyCase, tag = '666'): JourneyCase {
  const fresh = renamed(base, tag);
  let urls = 0;
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (typeof value !== 'string') return value;
    if (key === 'title') return HOSTILE.title;
    if (key === 'name') return HOSTILE.name;
    if (key === 'description') return HOSTILE.description;
    if (key === 'url' || key === 'uri') return urls++ % 2 ? HOSTILE.httpUrl : HOSTILE.javascriptUrl;
    return value;
  };
  const text = JSON.stringify(walk(JSON.parse(fresh.text)), null, 1).replace(/("amount(?:Gross)?":\s*)-?\d+(?:\.\d+)?/g, '$11e9999');
  return { ...fresh, text, title: HOSTILE.title, buyer: HOSTILE.name };
}

/** The instant of an expected event as `<time datetime>` shows it (ISO, UTC, milliseconds). */
export function isoInstant(raw: string): string {
  return new Date(raw).toISOString();
}

export const keyDates = (c: JourneyCase): ExpectedEvent[] => c.expected.filter((e) => e.kind === 'keyDate');

/** The compiled release of a record-package case: what a republishing site prints. */
export function compiledRecord(c: JourneyCase): Record<string, unknown> {
  const data = JSON.parse(c.text) as { records?: { compiledRelease?: Record<string, unknown> }[] };
  const compiled = data.records?.[0]?.compiledRelease;
  if (!compiled) throw new Error('compiledRecord: the case is not a record package with a compiledRelease');
  return compiled;
}
