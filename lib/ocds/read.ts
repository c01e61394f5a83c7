/**
 * The reader: text from FTS (or a page that republishes it) → validated procurements.
 * Never throws; only input with no OCDS in it at all is an error.
 */
import { parseJsonText } from './json-text';
import type { Problem } from './problems';
import { collectProcurements } from './shapes';
import { buildProcurement, type Procurement } from '../procurement';

export interface ProcurementRead {
  procurement: Procurement;
  problems: Problem[];
}

export type ReadResult = { ok: true; procurements: ProcurementRead[] } | { ok: false; message: string };

const NOT_OCDS = "This page's data is not OCDS";

/** Reads parsed JSON (already trusted to be JSON, nothing more). */
export function readOcdsValue(root: unknown, repairs: Problem[] = []): ReadResult {
  const { procurements, problems: orphanProblems } = collectProcurements(root);
  if (procurements.length === 0) {
    return { ok: false, message: `${NOT_OCDS}: no procurement (ocid) was found in it.` };
  }
  return {
    ok: true,
    procurements: procurements.map((source) => {
      const problems: Problem[] = [
        ...repairs.filter((r) => procurements.length === 1 || !procurements.some((p) => p !== source && belongsTo(r.path, p))),
        ...orphanProblems,
        ...source.problems,
      ];
      const procurement = buildProcurement(source, problems);
      return { procurement, problems };
    }),
  };
}

function belongsTo(path: string, source: { releases: Array<{ path: string }>; compiled?: { path: string } }): boolean {
  const roots = [...source.releases.map((r) => r.path), ...(source.compiled ? [source.compiled.path] : [])];
  return roots.some((root) => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`));
}

export function readOcds(text: string): ReadResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `${NOT_OCDS}: ${parsed.message}` };
  return readOcdsValue(parsed.value, parsed.repairs);
}
