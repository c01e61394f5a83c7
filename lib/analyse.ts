/** Text in, timelines (or compiled releases) out: what the CLI, the benchmark and the background all call. */
import { readOcds, readSources } from './ocds/read';
import type { Problem } from './ocds/problems';
import type { Release } from './ocds/schema';
import { compiledReleaseOf, type Procurement } from './procurement';
import { buildTimeline } from './timeline/build';
import type { TimelineEvent } from './timeline/types';

export interface ProcurementTimeline {
  procurement: Procurement;
  events: TimelineEvent[];
  problems: Problem[];
}

export type AnalyseResult = { ok: true; procurements: ProcurementTimeline[] } | { ok: false; message: string };

export function analyseOcds(text: string, now: Date): AnalyseResult {
  const read = readOcds(text);
  if (!read.ok) return read;
  return {
    ok: true,
    procurements: read.procurements.map(({ procurement, problems }) => ({
      procurement,
      events: buildTimeline(procurement, now),
      problems,
    })),
  };
}

export interface ProcurementCompiled {
  compiledRelease: Release;
  problems: Problem[];
}

export type CompileResult = { ok: true; procurements: ProcurementCompiled[] } | { ok: false; message: string };

/** Each procurement's compiled release: the merged state its timeline is built from. */
export function compileOcds(text: string): CompileResult {
  const read = readSources(text);
  if (!read.ok) return read;
  return {
    ok: true,
    procurements: read.procurements.map(({ source, problems }) => ({ compiledRelease: compiledReleaseOf(source), problems })),
  };
}
