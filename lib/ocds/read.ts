/**
 * The reader: text from FTS (or a page that republishes it) → validated procurements.
 * Never throws; only input with no OCDS in it at all is an error.
 */
import { isTruncation, parseJsonText } from './json-text';
import { listProblems, type Problem } from './problems';
import { collectProcurements, type ProcurementSource } from './shapes';
import { buildProcurement, type Procurement } from '../procurement';

/**
 * How much of the procurement a read holds: all that FTS gave (`whole`); the open notice's own
 * release alone, the rest of the procurement not to be had (`this-notice-only`); or less than
 * it gave, the text having ended early (`cut-off`: what came after the cut is missing). Only a
 * whole read is the procurement's state: cached as good, stored by Watch, compared by refresh.
 */
export type Completeness = 'whole' | 'this-notice-only' | 'cut-off';

export interface ProcurementRead {
  procurement: Procurement;
  problems: Problem[];
  completeness: Completeness;
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

/**
 * Repairs outside every procurement (between the items of a list) concern them all; with
 * many procurements each lists only the first few, so the problems stay linear in the input.
 */
const MAX_SHARED_REPAIRS = 10;

/** Reads parsed JSON (already trusted to be JSON, nothing more) into each procurement's releases and problems. */
function readSourcesValue(root: unknown, repairs: Problem[]): SourcesResult {
  const { procurements, problems: orphanProblems } = collectProcurements(root);
  if (procurements.length === 0) {
    return { ok: false, message: isEmptyPackage(root) ? EMPTY_PACKAGE : `${NOT_OCDS}: no procurement (ocid) was found in it.` };
  }
  const owned = repairsByOwner(procurements, repairs);
  const shared = owned.get(undefined) ?? [];
  const sharedListed = procurements.length > 1 ? listProblems(shared, { limit: MAX_SHARED_REPAIRS, what: 'repairs to the JSON text' }) : shared;
  return {
    ok: true,
    procurements: procurements.map((source) => ({
      source,
      problems: listed([...sharedListed, ...(owned.get(source) ?? []), ...orphanProblems, ...source.problems]),
    })),
  };
}

/** A read's problems as listed: at most `MAX_PROBLEMS`, and always the one saying the text was cut off. */
const listed = (problems: Problem[]): Problem[] => listProblems(problems, { keep: isTruncation });

/** Each repair under the procurement whose release (or compiled release) holds its path; undefined for those in none. */
function repairsByOwner(procurements: ProcurementSource[], repairs: Problem[]): Map<ProcurementSource | undefined, Problem[]> {
  const byRoot = new Map<string, ProcurementSource>();
  for (const source of procurements) {
    for (const release of source.releases) byRoot.set(release.path, source);
    if (source.compiled) byRoot.set(source.compiled.path, source);
  }
  const owned = new Map<ProcurementSource | undefined, Problem[]>();
  for (const repair of repairs) {
    // With one procurement, every repair is its own.
    const owner = procurements.length === 1 ? procurements[0] : ownerOf(repair.path, byRoot);
    const list = owned.get(owner) ?? [];
    list.push(repair);
    owned.set(owner, list);
  }
  return owned;
}

/** The procurement whose release path is `path` or a prefix of it ending before `.` or `[`. */
function ownerOf(path: string, byRoot: Map<string, ProcurementSource>): ProcurementSource | undefined {
  for (let end = path.length; end > 0; end--) {
    if (end < path.length && path[end] !== '.' && path[end] !== '[') continue;
    const owner = byRoot.get(path.slice(0, end));
    if (owner) return owner;
  }
  return undefined;
}

function buildAll(read: SourcesResult): ReadResult {
  if (!read.ok) return read;
  return {
    ok: true,
    procurements: read.procurements.map(({ source, problems }) => {
      const procurement = buildProcurement(source, problems);
      return { procurement, problems: listed(problems), completeness: problems.some(isTruncation) ? 'cut-off' : 'whole' };
    }),
  };
}

/** Reads parsed JSON (already trusted to be JSON, nothing more). */
export function readOcdsValue(root: unknown, repairs: Problem[] = []): ReadResult {
  return buildAll(readSourcesValue(root, repairs));
}

/** JSON text read tolerantly, with what was repaired. */
export interface ParsedDocument {
  value: unknown;
  repairs: Problem[];
}

/** Text → its JSON and repairs, or why it holds no OCDS (it is not JSON at all). */
export function parseOcdsText(text: string): ({ ok: true } & ParsedDocument) | { ok: false; message: string } {
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed : { ok: false, message: `${NOT_OCDS}: ${parsed.message}` };
}

/** Text → each procurement's validated releases (what the model is built from). */
export function readSources(text: string): SourcesResult {
  const parsed = parseOcdsText(text);
  return parsed.ok ? readSourcesValue(parsed.value, parsed.repairs) : parsed;
}

/**
 * The pages of one answer (FTS's `links.next` chain) read as one document: a release
 * listed on two pages is read once, and each page's repairs are at `$[page]…`.
 */
export function readOcdsPages(pages: ParsedDocument[]): ReadResult {
  if (pages.length === 1) return readOcdsValue(pages[0]!.value, pages[0]!.repairs);
  const repairs = pages.flatMap(({ repairs }, index) => repairs.map((r) => ({ ...r, path: `$[${index}]${r.path.slice(1)}` })));
  return readOcdsValue(
    pages.map((p) => p.value),
    repairs,
  );
}

export function readOcds(text: string): ReadResult {
  return buildAll(readSources(text));
}
