/**
 * The reader: text from FTS (or a page that republishes it) → validated procurements.
 * Never throws; only input with no OCDS in it at all is an error.
 */
import { isTruncation, parseJsonText } from './json-text';
import type { Problem } from './problems';
import { collectProcurements, type ProcurementSource } from './shapes';
import { buildProcurement, type Procurement } from '../procurement';

export interface ProcurementRead {
  procurement: Procurement;
  problems: Problem[];
}

/** One procurement's validated releases, before the model is built from them. */
export interface SourceRead {
  source: ProcurementSource;
  problems: Problem[];
}

type Result<T> = { ok: true; procurements: T[] } | { ok: false; message: string };

export type ReadResult = Result<ProcurementRead>;
export type SourcesResult = Result<SourceRead>;

const NOT_OCDS = "This page's data is not OCDS";
const EMPTY_PACKAGE = 'This OCDS package is empty: it holds no releases or records.';

/** A release or record package whose list is empty: OCDS, with nothing in it (FTS answers so for a window without updates). */
function isEmptyPackage(root: unknown): boolean {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return false;
  const { releases, records } = root as { releases?: unknown; records?: unknown };
  const empty = (list: unknown) => Array.isArray(list) && list.length === 0;
  return (empty(releases) && records === undefined) || (empty(records) && releases === undefined);
}

/** Reads parsed JSON (already trusted to be JSON, nothing more) into each procurement's releases and problems. */
function readSourcesValue(root: unknown, repairs: Problem[]): SourcesResult {
  const { procurements, problems: orphanProblems } = collectProcurements(root);
  if (procurements.length === 0) {
    return { ok: false, message: isEmptyPackage(root) ? EMPTY_PACKAGE : `${NOT_OCDS}: no procurement (ocid) was found in it.` };
  }
  return {
    ok: true,
    procurements: procurements.map((source) => ({
      source,
      problems: [
        ...repairs.filter((r) => procurements.length === 1 || !procurements.some((p) => p !== source && belongsTo(r.path, p))),
        ...orphanProblems,
        ...source.problems,
      ],
    })),
  };
}

function belongsTo(path: string, source: { releases: Array<{ path: string }>; compiled?: { path: string } }): boolean {
  const roots = [...source.releases.map((r) => r.path), ...(source.compiled ? [source.compiled.path] : [])];
  return roots.some((root) => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`));
}

function buildAll(read: SourcesResult): ReadResult {
  if (!read.ok) return read;
  return {
    ok: true,
    procurements: read.procurements.map(({ source, problems }) => ({ procurement: buildProcurement(source, problems), problems })),
  };
}

/** Reads parsed JSON (already trusted to be JSON, nothing more). */
export function readOcdsValue(root: unknown, repairs: Problem[] = []): ReadResult {
  return buildAll(readSourcesValue(root, repairs));
}

/** Text → each procurement's validated releases (what the model is built from). */
export function readSources(text: string): SourcesResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `${NOT_OCDS}: ${parsed.message}` };
  return readSourcesValue(parsed.value, parsed.repairs);
}

export function readOcds(text: string): ReadResult {
  return buildAll(readSources(text));
}

/** Whether the text ended early: what came after the cut (notices, key dates) is missing. */
export function isCutOff(read: { problems: Problem[] }): boolean {
  return read.problems.some(isTruncation);
}
