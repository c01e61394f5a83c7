/**
 * What the watchlist stores, as zod schemas: a watched procurement (`WatchedProcurement`)
 * and a snapshot of a procurement (`Snapshot`, whose `procurement` is the whole
 * `Procurement` model). Data that comes from outside the running extension — a backup
 * file — is checked with these before it is stored, so it obeys the same rules as what the
 * extension writes itself. The fields the user can change through messages (ocid, notice
 * id, page address, note, tags, bid status) are the message schemas' own
 * (lib/message-schemas.ts): an entry imported is one that can be unwatched and edited.
 *
 * Each schema is held to its TypeScript type in both directions by the compiler (`inStep`
 * below): add a field to an interface and this file stops compiling until its schema has it
 * too, so nothing is silently dropped or let through unchecked.
 */
import { z } from 'zod';
import { bidStatus, noticeId, note, ocid, pageUrl, tags } from '../message-schemas';
import type { Money } from '../money';
import type { Stage } from '../ocds/notice-types';
import type { Amendment, KeyDate, Notice, Procurement, ProcurementLot, ProcurementValue, Regime } from '../procurement';
import type { ProcurementAward } from '../timeline/awards';
import { CHANGE_KINDS, KEY_DATE_TYPES, type Change } from '../timeline/types';
import type { Snapshot } from './db';
import { LEGACY_CHANGE_KINDS, upgradeLegacyChange, type DetectedChange, type WatchedProcurement } from './entry';

// Extension pages forbid eval: zod must not try its `new Function` fast path (as lib/ocds/schema.ts).
z.config({ jitless: true });

/** True when A and B are assignable both ways and have the same keys (so no optional field is missing). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
/** Compiles only when T is `true`. */
function inStep<T extends true>(): T | undefined {
  return undefined;
}

/** Every stage; the compiler checks it against the `Stage` type. */
const STAGES = [
  'planning',
  'tender',
  'award',
  'contract',
  'contract management',
  'termination',
  'cancelled',
  'dynamic market',
  'buyer reporting',
  'transparency',
  'corrigendum',
  'unknown',
] as const satisfies readonly Stage[];
inStep<Same<(typeof STAGES)[number], Stage>>();

const REGIMES = ['procurementAct2023', 'pre2025Regulations', 'unknown'] as const satisfies readonly Regime[];
inStep<Same<(typeof REGIMES)[number], Regime>>();


/** An ISO 8601 instant in UTC, given back as `Date#toISOString` writes it (the watchlist compares them as text). */
const instant = z.iso.datetime({ error: 'expected an ISO 8601 date and time in UTC' }).transform((iso) => new Date(iso).toISOString());

const moneySchema = z.object({ amount: z.number().positive(), currency: z.string().min(1) });
inStep<Same<z.output<typeof moneySchema>, Money>>();

const valueSchema = z.object({ net: moneySchema.optional(), gross: moneySchema.optional() });
inStep<Same<z.output<typeof valueSchema>, ProcurementValue>>();

const keyDateSchema = z.object({
  type: z.enum(KEY_DATE_TYPES),
  at: instant,
  dateOnly: z.literal(true).optional(),
  lots: z.array(z.string()),
  source: z.string(),
  detail: z.string().optional(),
  // Absent in backups made before key dates were marked expected or void: read as neither.
  estimated: z.literal(true).optional(),
  void: z.literal(true).optional(),
  moved: z.object({ from: z.string(), broughtForward: z.literal(true).optional() }).optional(),
});
inStep<Same<z.output<typeof keyDateSchema>, KeyDate>>();

const changeSchema = z.object({
  field: z.string(),
  label: z.string(),
  kind: z.enum(CHANGE_KINDS),
  text: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  broughtForward: z.literal(true).optional(),
  lots: z.array(z.string()).optional(),
  where: z.string().optional(),
});
inStep<Same<z.output<typeof changeSchema>, Change>>();

const detectedChangeSchema = changeSchema.extend({ foundAt: instant });
inStep<Same<z.output<typeof detectedChangeSchema>, DetectedChange>>();

/** Backup format 1 kept unseen changes in their old shape: read into the one model. */
const legacyChangeSchema = z.object({ foundAt: instant, kind: z.enum(LEGACY_CHANGE_KINDS), text: z.string() }).transform(upgradeLegacyChange);

/** One watchlist entry. */
export const watchedProcurementSchema = z.object({
  ocid,
  watchedFromNoticeId: noticeId.optional(),
  watchedFromUrl: pageUrl.optional(),
  title: z.string().optional(),
  buyer: z.string().optional(),
  value: valueSchema,
  stage: z.enum(STAGES),
  keyDates: z.array(keyDateSchema),
  latestNoticeId: z.string().optional(),
  latestNoticeAt: instant.optional(),
  watchedAt: instant,
  note,
  tags,
  bidStatus,
  unseenChanges: z.array(z.union([detectedChangeSchema, legacyChangeSchema])),
  lastCheckedAt: instant.optional(),
  lastCheckError: z.string().optional(),
}) satisfies z.ZodType<WatchedProcurement>;
inStep<Same<z.output<typeof watchedProcurementSchema>, WatchedProcurement>>();

const amendmentSchema = z.object({ description: z.string().optional(), at: instant, source: z.string() });
inStep<Same<z.output<typeof amendmentSchema>, Amendment>>();

const noticeSchema = z.object({
  id: z.string(),
  noticeType: z.string().optional(),
  name: z.string(),
  stage: z.enum(STAGES),
  publishedAt: instant.optional(),
  source: z.string(),
  url: z.string().optional(),
  tags: z.array(z.string()),
  changes: z.array(changeSchema),
  amendment: amendmentSchema.optional(),
});
inStep<Same<z.output<typeof noticeSchema>, Notice>>();

const lotSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  status: z.string().optional(),
  value: valueSchema,
  contractPeriod: z.object({ startDate: z.string().optional(), endDate: z.string().optional(), maxExtentDate: z.string().optional() }).optional(),
  hasRenewal: z.boolean().optional(),
  renewal: z.string().optional(),
});
inStep<Same<z.output<typeof lotSchema>, ProcurementLot>>();

const awardSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  status: z.string().optional(),
  lots: z.array(z.string()),
  suppliers: z.array(z.string()),
  value: valueSchema,
});
inStep<Same<z.output<typeof awardSchema>, ProcurementAward>>();

const procurementSchema = z.object({
  ocid,
  title: z.string().optional(),
  description: z.string().optional(),
  buyer: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      contact: z.object({ name: z.string().optional(), email: z.string().optional(), telephone: z.string().optional(), url: z.string().optional() }).optional(),
    })
    .optional(),
  stage: z.enum(STAGES),
  status: z.string().optional(),
  regime: z.enum(REGIMES),
  value: valueSchema,
  currency: z.string().optional(),
  procedure: z.string().optional(),
  category: z.string().optional(),
  lots: z.array(lotSchema),
  cpv: z.array(z.object({ code: z.string(), description: z.string().optional() })),
  submission: z.object({ text: z.string(), url: z.string().optional() }).optional(),
  documents: z.array(z.object({ id: z.string().optional(), title: z.string(), url: z.string().optional() })),
  // Absent in backups made before awards were read: read as none.
  awards: z.array(awardSchema).default([]),
  notices: z.array(noticeSchema),
  keyDates: z.array(keyDateSchema),
});
inStep<Same<z.output<typeof procurementSchema>, Procurement>>();

/** One snapshot: a whole read of one procurement, under its own ocid. */
export const snapshotSchema = z
  .object({ ocid, takenAt: instant, procurement: procurementSchema })
  .refine((snapshot) => snapshot.procurement.ocid === snapshot.ocid, { message: 'it holds another procurement', path: ['procurement', 'ocid'] });
inStep<Same<z.output<typeof snapshotSchema>, Snapshot>>();
