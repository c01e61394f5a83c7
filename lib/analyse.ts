/** Text in, timelines out: what the CLI, the benchmark and the background all call. */
import { readOcds } from './ocds/read';
import type { Problem } from './ocds/problems';
import type { Procurement } from './procurement';
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
