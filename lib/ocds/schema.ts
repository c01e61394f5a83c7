/**
 * zod schemas for the parts of OCDS 1.1 (and the UK profile) that Find a Tender publishes.
 * Objects are loose (unknown fields are kept); every field is optional and may be `null`,
 * since update releases are deltas where `null` means "removed" (OCDS merge rules).
 * Types come from these schemas; nothing else describes OCDS.
 */
import { z } from 'zod';
import { isPlausibleInstant, parseInstant, PLAUSIBLE_YEARS } from '../dates';

// Extension pages forbid eval: zod must not try its `new Function` fast path.
z.config({ jitless: true });

const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

const text = z.string();
/** OCDS ids may be strings or integers; the model compares them as text. */
export const idSchema = z.union([z.string(), z.number()]).transform(String);
const id = idSchema;

/** What is wrong with a date text as a procurement's date; undefined when it is one. */
export function dateTextProblem(s: string): string | undefined {
  const at = parseInstant(s);
  if (at === undefined) return 'expected a date and time (ISO 8601)';
  if (!isPlausibleInstant(at)) return `expected a date between ${PLAUSIBLE_YEARS.from} and ${PLAUSIBLE_YEARS.to}`;
  return undefined;
}

/** A date, and one a procurement can have: outside `PLAUSIBLE_YEARS` it is a problem, not a key date ahead by centuries. */
export const dateTimeSchema = z.string().superRefine((s, ctx) => {
  const message = dateTextProblem(s);
  if (message) ctx.addIssue({ code: 'custom', message });
});
const dateTime = dateTimeSchema;

export const valueSchema = z.looseObject({
  amount: opt(z.number()),
  amountGross: opt(z.number()),
  currency: opt(text),
});

export const periodSchema = z.looseObject({
  startDate: opt(dateTime),
  endDate: opt(dateTime),
  maxExtentDate: opt(dateTime),
  durationInDays: opt(z.number()),
});

export const documentSchema = z.looseObject({
  id: opt(id),
  documentType: opt(text),
  /** UK profile: the notice this document is (UK1–UK17, F01–F25). */
  noticeType: opt(text),
  title: opt(text),
  description: opt(text),
  url: opt(text),
  datePublished: opt(dateTime),
  dateModified: opt(dateTime),
  format: opt(text),
});

export const classificationSchema = z.looseObject({
  scheme: opt(text),
  id: opt(id),
  description: opt(text),
});

export const itemSchema = z.looseObject({
  id: opt(id),
  description: opt(text),
  classification: opt(classificationSchema),
  additionalClassifications: opt(z.array(classificationSchema)),
  relatedLot: opt(id),
});

export const milestoneSchema = z.looseObject({
  id: opt(id),
  title: opt(text),
  type: opt(text),
  description: opt(text),
  dueDate: opt(dateTime),
  dateMet: opt(dateTime),
  status: opt(text),
});

export const unstructuredChangeSchema = z.looseObject({
  oldValue: opt(z.looseObject({ text: opt(text), date: opt(dateTime) })),
  newValue: opt(z.looseObject({ text: opt(text), date: opt(dateTime) })),
  where: opt(z.looseObject({ section: opt(text), label: opt(text) })),
});

export const amendmentSchema = z.looseObject({
  id: opt(id),
  date: opt(dateTime),
  description: opt(text),
  rationale: opt(text),
  releaseID: opt(id),
  amendsReleaseID: opt(id),
  unstructuredChanges: opt(z.array(unstructuredChangeSchema)),
});

export const contactPointSchema = z.looseObject({
  name: opt(text),
  email: opt(text),
  telephone: opt(text),
  url: opt(text),
});

export const organisationReferenceSchema = z.looseObject({
  id: opt(id),
  name: opt(text),
});

export const organisationSchema = z.looseObject({
  id: opt(id),
  name: opt(text),
  roles: opt(z.array(text)),
  contactPoint: opt(contactPointSchema),
  address: opt(
    z.looseObject({
      streetAddress: opt(text),
      locality: opt(text),
      postalCode: opt(text),
      countryName: opt(text),
    }),
  ),
});

export const lotSchema = z.looseObject({
  id: opt(id),
  title: opt(text),
  description: opt(text),
  status: opt(text),
  value: opt(valueSchema),
  contractPeriod: opt(periodSchema),
  hasRenewal: opt(z.boolean()),
  renewal: opt(z.looseObject({ description: opt(text), period: opt(periodSchema) })),
});

export const tenderSchema = z.looseObject({
  id: opt(id),
  title: opt(text),
  description: opt(text),
  status: opt(text),
  statusDetails: opt(text),
  finalStatusDate: opt(dateTime),
  value: opt(valueSchema),
  procurementMethod: opt(text),
  procurementMethodDetails: opt(text),
  mainProcurementCategory: opt(text),
  submissionMethodDetails: opt(text),
  tenderPeriod: opt(periodSchema),
  enquiryPeriod: opt(periodSchema),
  awardPeriod: opt(periodSchema),
  contractPeriod: opt(periodSchema),
  /** UK profile: two-stage procedures have this instead of a submission deadline. */
  expressionOfInterestDeadline: opt(dateTime),
  communication: opt(z.looseObject({ futureNoticeDate: opt(dateTime) })),
  legalBasis: opt(z.looseObject({ scheme: opt(text), id: opt(id), uri: opt(text) })),
  lots: opt(z.array(lotSchema)),
  items: opt(z.array(itemSchema)),
  documents: opt(z.array(documentSchema)),
  milestones: opt(z.array(milestoneSchema)),
  amendments: opt(z.array(amendmentSchema)),
});

export const awardSchema = z.looseObject({
  id: opt(id),
  title: opt(text),
  description: opt(text),
  status: opt(text),
  statusDetails: opt(text),
  finalStatusDate: opt(dateTime),
  date: opt(dateTime),
  value: opt(valueSchema),
  suppliers: opt(z.array(organisationReferenceSchema)),
  relatedLots: opt(z.array(id)),
  contractPeriod: opt(periodSchema),
  /** A period; in FTS award updates, a list of periods (the standstill as first published and as corrected). */
  standstillPeriod: opt(z.union([periodSchema, z.array(periodSchema)])),
  milestones: opt(z.array(milestoneSchema)),
  documents: opt(z.array(documentSchema)),
  amendments: opt(z.array(amendmentSchema)),
});

export const contractSchema = z.looseObject({
  id: opt(id),
  awardID: opt(id),
  title: opt(text),
  description: opt(text),
  status: opt(text),
  statusDetails: opt(text),
  finalStatusDate: opt(dateTime),
  dateSigned: opt(dateTime),
  period: opt(periodSchema),
  value: opt(valueSchema),
  documents: opt(z.array(documentSchema)),
  amendments: opt(z.array(amendmentSchema)),
  /** UK10: a change not yet made; `standstill` when a voluntary standstill ends on `date`. */
  proposedAmendments: opt(z.array(z.looseObject({ id: opt(id), date: opt(dateTime), standstill: opt(z.boolean()) }))),
  milestones: opt(z.array(milestoneSchema)),
  /** UK11: a terminated contract's actual end. */
  implementation: opt(z.looseObject({ endDate: opt(dateTime) })),
});

export const planningSchema = z.looseObject({
  milestones: opt(z.array(milestoneSchema)),
  documents: opt(z.array(documentSchema)),
});

export const releaseSchema = z.looseObject({
  ocid: opt(text),
  id: opt(id),
  date: opt(dateTime),
  tag: opt(z.array(text)),
  initiationType: opt(text),
  language: opt(text),
  parties: opt(z.array(organisationSchema)),
  buyer: opt(organisationReferenceSchema),
  planning: opt(planningSchema),
  tender: opt(tenderSchema),
  awards: opt(z.array(awardSchema)),
  contracts: opt(z.array(contractSchema)),
});

export type Value = z.infer<typeof valueSchema>;
export type Period = z.infer<typeof periodSchema>;
export type OcdsDocument = z.infer<typeof documentSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type Amendment = z.infer<typeof amendmentSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type Lot = z.infer<typeof lotSchema>;
export type Tender = z.infer<typeof tenderSchema>;
export type Award = z.infer<typeof awardSchema>;
export type Contract = z.infer<typeof contractSchema>;
export type Release = z.infer<typeof releaseSchema>;
