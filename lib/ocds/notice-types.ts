/**
 * Find a Tender notice types, as FTS names them. One table, so that a corrected name is
 * one edit. UK8 and UK13–UK16 names come from agreeing secondary sources.
 */
export type Stage =
  | 'planning'
  | 'tender'
  | 'award'
  | 'contract'
  | 'contract management'
  | 'termination'
  | 'cancelled'
  | 'dynamic market'
  | 'buyer reporting'
  | 'transparency'
  | 'corrigendum'
  | 'unknown';

export interface NoticeTypeInfo {
  code: string;
  name: string;
  stage: Stage;
  regime: 'procurementAct2023' | 'pre2025Regulations';
}

const uk = (code: string, name: string, stage: Stage): NoticeTypeInfo => ({
  code,
  name,
  stage,
  regime: 'procurementAct2023',
});
const old = (code: string, name: string, stage: Stage): NoticeTypeInfo => ({
  code,
  name,
  stage,
  regime: 'pre2025Regulations',
});

const TABLE: NoticeTypeInfo[] = [
  uk('UK1', 'Pipeline notice', 'planning'),
  uk('UK2', 'Preliminary market engagement notice', 'planning'),
  uk('UK3', 'Planned procurement notice', 'planning'),
  uk('UK4', 'Tender notice', 'tender'),
  uk('UK5', 'Transparency notice', 'transparency'),
  uk('UK6', 'Contract award notice', 'award'),
  uk('UK7', 'Contract details notice', 'contract'),
  uk('UK8', 'Contract payments notice', 'contract management'),
  uk('UK9', 'Contract performance notice', 'contract management'),
  uk('UK10', 'Contract change notice', 'contract management'),
  uk('UK11', 'Contract termination notice', 'termination'),
  uk('UK12', 'Procurement termination notice', 'cancelled'),
  uk('UK13', 'Dynamic market intention notice', 'dynamic market'),
  uk('UK14', 'Dynamic market establishment notice', 'dynamic market'),
  uk('UK15', 'Dynamic market modification notice', 'dynamic market'),
  uk('UK16', 'Dynamic market cessation notice', 'dynamic market'),
  uk('UK17', 'Payments compliance notice', 'buyer reporting'),
  old('F01', 'Prior information notice', 'planning'),
  old('F02', 'Contract notice', 'tender'),
  old('F03', 'Contract award notice', 'award'),
  old('F04', 'Periodic indicative notice – utilities', 'planning'),
  old('F05', 'Contract notice – utilities', 'tender'),
  old('F06', 'Contract award notice – utilities', 'award'),
  old('F07', 'Qualification system – utilities', 'tender'),
  old('F08', 'Notice on a buyer profile', 'planning'),
  old('F12', 'Design contest notice', 'tender'),
  old('F13', 'Results of design contest', 'award'),
  old('F14', 'Corrigendum', 'corrigendum'),
  old('F15', 'Voluntary ex ante transparency notice', 'transparency'),
  old('F16', 'Prior information notice – defence and security', 'planning'),
  old('F17', 'Contract notice – defence and security', 'tender'),
  old('F18', 'Contract award notice – defence and security', 'award'),
  old('F19', 'Subcontract notice – defence and security', 'tender'),
  old('F20', 'Modification notice', 'contract management'),
  old('F21', 'Social and other specific services – public contracts', 'tender'),
  old('F22', 'Social and other specific services – utilities', 'tender'),
  old('F23', 'Social and other specific services – concessions', 'tender'),
  old('F24', 'Concession notice', 'tender'),
  old('F25', 'Concession award notice', 'award'),
];

const BY_CODE = new Map(TABLE.map((info) => [info.code, info]));

/** Accepts FTS spellings such as `UK4`, `uk4`, `F3` and `F03`. */
export function noticeTypeInfo(code: string | null | undefined): NoticeTypeInfo | undefined {
  if (!code) return undefined;
  const normal = code.trim().toUpperCase().replace(/^F(\d)$/, 'F0$1');
  return BY_CODE.get(normal);
}

const PUBLIC_CONTRACTS = '32014L0024';
const UTILITIES = '32014L0025';
const CONCESSIONS = '32014L0023';
const DEFENCE = '32009L0081';
const ALL_DIRECTIVES = [PUBLIC_CONTRACTS, UTILITIES, CONCESSIONS, DEFENCE];

/**
 * Old-regime FTS releases name no `noticeType`: their form follows from the EU directive
 * in `tender.legalBasis` (scheme CELEX) and the release tags. A row applies when the
 * directive is one of its own and every tag of the release is one of its tags; a release
 * no row fits (such as `["planning","tender"]`, which may be an F01 calling for competition
 * or an F21) is named by its tag instead. In the FTS stream every `tenderUpdate` carries
 * `tender.amendments[].unstructuredChanges` (a corrigendum, also of award notices), and an
 * `awardUpdate`/`contractUpdate` carries `contracts[].amendments[].rationale` (a modification).
 */
const OLD_FORMS: Array<{ directives: string[]; tags: string[]; code: string }> = [
  { directives: [PUBLIC_CONTRACTS], tags: ['planning'], code: 'F01' },
  { directives: [PUBLIC_CONTRACTS], tags: ['tender'], code: 'F02' },
  { directives: [PUBLIC_CONTRACTS], tags: ['award', 'contract'], code: 'F03' },
  { directives: [UTILITIES], tags: ['planning'], code: 'F04' },
  { directives: [UTILITIES], tags: ['tender'], code: 'F05' },
  { directives: [UTILITIES], tags: ['award', 'contract'], code: 'F06' },
  { directives: [DEFENCE], tags: ['planning'], code: 'F16' },
  { directives: [DEFENCE], tags: ['tender'], code: 'F17' },
  { directives: [DEFENCE], tags: ['award', 'contract'], code: 'F18' },
  { directives: [CONCESSIONS], tags: ['tender'], code: 'F24' },
  { directives: [CONCESSIONS], tags: ['award', 'contract'], code: 'F25' },
  { directives: ALL_DIRECTIVES, tags: ['tenderUpdate', 'tenderAmendment'], code: 'F14' },
  { directives: [PUBLIC_CONTRACTS, UTILITIES, CONCESSIONS], tags: ['awardUpdate', 'contractUpdate', 'contractAmendment'], code: 'F20' },
];

/** The old-regime form a release is, from its legal basis and tags; undefined when that does not decide it. */
function oldFormOf(legalBasis: { scheme?: string | null; id?: string | null } | null | undefined, tags: readonly string[]): NoticeTypeInfo | undefined {
  if (legalBasis?.scheme?.toUpperCase() !== 'CELEX' || !legalBasis.id || tags.length === 0) return undefined;
  const directive = legalBasis.id.trim().toUpperCase();
  const row = OLD_FORMS.find((form) => form.directives.includes(directive) && tags.every((tag) => form.tags.includes(tag)));
  return row && noticeTypeInfo(row.code);
}

/**
 * A notice named by its release tag, for data that names no notice type: the OCDS release
 * tags, the later stage of the procurement first (`["award","contract"]` is an award).
 */
const BY_TAG: Array<{ tag: string; name: string; stage: Stage }> = [
  { tag: 'contractTermination', name: 'Contract termination notice', stage: 'termination' },
  { tag: 'tenderCancellation', name: 'Tender cancellation notice', stage: 'cancelled' },
  { tag: 'awardCancellation', name: 'Award cancellation notice', stage: 'cancelled' },
  { tag: 'implementationUpdate', name: 'Implementation update notice', stage: 'contract management' },
  { tag: 'implementation', name: 'Implementation notice', stage: 'contract management' },
  { tag: 'contractAmendment', name: 'Contract amendment notice', stage: 'contract management' },
  { tag: 'awardUpdate', name: 'Award update notice', stage: 'award' },
  { tag: 'contractUpdate', name: 'Contract update notice', stage: 'contract' },
  { tag: 'award', name: 'Award notice', stage: 'award' },
  { tag: 'contract', name: 'Contract details notice', stage: 'contract' },
  { tag: 'tenderAmendment', name: 'Tender amendment notice', stage: 'tender' },
  { tag: 'tenderUpdate', name: 'Tender update notice', stage: 'tender' },
  { tag: 'tender', name: 'Tender notice', stage: 'tender' },
  { tag: 'planningUpdate', name: 'Planning update notice', stage: 'planning' },
  { tag: 'planning', name: 'Planning notice', stage: 'planning' },
];

const UNTYPED = { name: 'Notice of unstated type', stage: 'unknown' } as const;

export interface NoticeName {
  /** The FTS notice type ("UK4", "F03"), as published or as read from an old-regime release. */
  noticeType?: string;
  /** "UK4: Tender notice", "F03: Contract award notice", "Award notice" — never a bare "Notice". */
  name: string;
  stage: Stage;
}

/** Names a notice: by its notice type, else by its old-regime legal basis and tags, else by its tags. */
export function nameNotice(
  noticeType: string | null | undefined,
  legalBasis: { scheme?: string | null; id?: string | null } | null | undefined,
  tags: readonly string[],
): NoticeName {
  const info = noticeTypeInfo(noticeType) ?? (noticeType ? undefined : oldFormOf(legalBasis, tags));
  if (info) return { noticeType: info.code, name: `${info.code}: ${info.name}`, stage: info.stage };
  const byTag = BY_TAG.find((row) => tags.includes(row.tag)) ?? UNTYPED;
  return { noticeType: noticeType ?? undefined, name: noticeType ? `${noticeType}: ${byTag.name}` : byTag.name, stage: byTag.stage };
}
