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

/** "UK4: Tender notice", or a plain "Notice" when the type is unknown. */
export function noticeTitle(code: string | null | undefined): string {
  const info = noticeTypeInfo(code);
  if (info) return `${info.code}: ${info.name}`;
  return code ? `${code}: Notice` : 'Notice';
}
