/**
 * Every shape FTS serves — compiled record, record package, release package, single
 * release, a list page of release packages — turned into one list of procurements, each
 * with its validated releases and, where given, its compiled release. A record whose
 * releases are only links gives them back from its `versionedRelease`.
 */
import { appendPath, parsePath, type PathSegment } from './json-path';
import type { Problem } from './problems';
import { releaseSchema, type Release } from './schema';
import { validateKeepingValid } from './validate';
import { releasesFromVersioned, type RebuiltRelease } from './versioned';
import { parseInstant } from '../dates';
import { pushAll } from '../lists';

/** A validated release and where it sits in the input document. */
export interface SourcedRelease {
  release: Release;
  path: string;
  /** Where its values are in the input, when it was rebuilt from a versioned release rather than read whole at `path`. */
  locate?: RebuiltRelease['locate'];
}

/** The input path of the value at `segments` of a release. */
export function pathIn({ path, locate }: SourcedRelease, segments: PathSegment[]): string {
  return locate ? locate(segments) : appendPath(path, ...segments);
}

export interface ProcurementSource {
  ocid: string;
  /** Every notice of the procurement, oldest first. */
  releases: SourcedRelease[];
  /** The current state as published (compiled record or `compiledRelease`). */
  compiled?: SourcedRelease;
  problems: Problem[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

class Collector {
  readonly byOcid = new Map<string, ProcurementSource>();
  readonly orphanProblems: Problem[] = [];
  /** The release ids each procurement has, so that a repeated release is read once. */
  private readonly releaseIds = new Map<string, Set<string>>();

  group(ocid: string): ProcurementSource {
    let group = this.byOcid.get(ocid);
    if (!group) {
      group = { ocid, releases: [], problems: [] };
      this.byOcid.set(ocid, group);
    }
    return group;
  }

  addRelease(raw: unknown, path: string, fallbackOcid?: string, locate?: RebuiltRelease['locate']): void {
    const read: Problem[] = [];
    const release = validateKeepingValid(releaseSchema, raw, path, read);
    const problems = locate ? read.map((problem) => relocated(problem, path, locate)) : read;
    const ocid = release?.ocid ?? fallbackOcid;
    if (!release || !ocid) {
      const target = fallbackOcid ? this.group(fallbackOcid).problems : this.orphanProblems;
      pushAll(target, problems);
      target.push({ path, message: 'this release has no ocid, so it belongs to no procurement; it was left out' });
      return;
    }
    const group = this.group(ocid);
    pushAll(group.problems, problems);
    const isCompiled = release.tag?.includes('compiled') ?? false;
    if (isCompiled) {
      group.compiled = { release, path };
    } else if (!this.seen(ocid, release.id)) {
      group.releases.push(locate ? { release, path, locate } : { release, path });
    }
  }

  /** Whether the procurement already has a release with this id; records the id. */
  private seen(ocid: string, id: string | null | undefined): boolean {
    if (id == null) return false;
    let ids = this.releaseIds.get(ocid);
    if (!ids) {
      ids = new Set();
      this.releaseIds.set(ocid, ids);
    }
    if (ids.has(id)) return true;
    ids.add(id);
    return false;
  }

  /** Adds the releases a versioned release was merged from (those not already read whole); returns them. */
  addVersioned(versioned: Json, path: string, ocid: string | undefined): Json[] {
    const problems: Problem[] = [];
    const rebuilt = releasesFromVersioned(versioned, path, ocid, problems);
    const fallbackOcid = ocid ?? (typeof versioned.ocid === 'string' ? versioned.ocid : undefined);
    if (fallbackOcid) pushAll(this.group(fallbackOcid).problems, problems);
    for (const { release, locate } of rebuilt) this.addRelease(release, path, fallbackOcid, locate);
    return rebuilt.map(({ release }) => release);
  }

  addRecord(record: Json, path: string): void {
    const ocid = typeof record.ocid === 'string' ? record.ocid : undefined;
    // A linked release (url, date, tag only) carries no content to read.
    const links: Array<{ link: Json; path: string }> = [];
    if (Array.isArray(record.releases)) {
      record.releases.forEach((raw, index) => {
        const releasePath = appendPath(path, 'releases', index);
        if (isObject(raw) && !('ocid' in raw) && typeof raw.url === 'string' && !('tender' in raw)) links.push({ link: raw, path: releasePath });
        else this.addRelease(raw, releasePath, ocid);
      });
    }
    const rebuilt =
      isObject(record.versionedRelease) && (links.length > 0 || !Array.isArray(record.releases))
        ? this.addVersioned(record.versionedRelease, appendPath(path, 'versionedRelease'), ocid)
        : [];
    const rebuiltTimes = new Set(rebuilt.map((release) => releaseTime(release)));
    for (const { link, path: linkPath } of links) {
      if (!ocid || rebuiltTimes.has(releaseTime(link))) continue;
      const message = rebuilt.length
        ? 'this release is only a link, and the versioned release holds nothing from it; its content is not in the data'
        : 'this release is only a link; its content is not in the data';
      this.group(ocid).problems.push({ path: linkPath, message });
    }
    if (isObject(record.compiledRelease)) {
      const compiledPath = appendPath(path, 'compiledRelease');
      const problems: Problem[] = [];
      const release = validateKeepingValid(releaseSchema, record.compiledRelease, compiledPath, problems);
      const compiledOcid = release?.ocid ?? ocid;
      if (release && compiledOcid) {
        const group = this.group(compiledOcid);
        pushAll(group.problems, problems);
        group.compiled = { release, path: compiledPath };
      }
    }
    if (ocid && !this.byOcid.has(ocid)) {
      this.group(ocid).problems.push({ path, message: 'this record has neither releases nor a compiled release' });
    }
  }
}

/** A problem found in a rebuilt release, at the place in the input its value came from. */
function relocated(problem: Problem, root: string, locate: RebuiltRelease['locate']): Problem {
  const segments = parsePath(problem.path);
  const rootLength = parsePath(root)?.length ?? 0;
  return segments ? { ...problem, path: locate(segments.slice(rootLength)) } : problem;
}

/** Reads one JSON node of any FTS shape; returns false when it holds nothing OCDS-like. */
function visit(node: unknown, path: string, collector: Collector, depth: number): boolean {
  if (depth > 4) return false;
  if (Array.isArray(node)) {
    let found = false;
    node.forEach((element, index) => {
      found = visit(element, appendPath(path, index), collector, depth + 1) || found;
    });
    return found;
  }
  if (!isObject(node)) return false;
  if (Array.isArray(node.records)) {
    node.records.forEach((record, index) => {
      if (isObject(record)) collector.addRecord(record, appendPath(path, 'records', index));
    });
    return true;
  }
  if ('compiledRelease' in node || 'versionedRelease' in node || (Array.isArray(node.releases) && typeof node.ocid === 'string')) {
    collector.addRecord(node, path);
    return true;
  }
  if (Array.isArray(node.releases)) {
    node.releases.forEach((release, index) => collector.addRelease(release, appendPath(path, 'releases', index)));
    return true;
  }
  if (typeof node.ocid === 'string') {
    collector.addRelease(node, path);
    return true;
  }
  // Wrapped data ({ "data": { …release… } }): look one level further in.
  let found = false;
  for (const [key, value] of Object.entries(node)) {
    if (value !== null && typeof value === 'object') found = visit(value, appendPath(path, key), collector, depth + 1) || found;
  }
  return found;
}

function releaseTime(release: { date?: unknown }): number {
  const at = typeof release.date === 'string' ? parseInstant(release.date) : undefined;
  return at ? at.getTime() : Number.POSITIVE_INFINITY;
}

export function collectProcurements(root: unknown): { procurements: ProcurementSource[]; problems: Problem[] } {
  const collector = new Collector();
  visit(root, '$', collector, 0);
  const procurements = [...collector.byOcid.values()];
  for (const procurement of procurements) {
    // Notices in publication order; releases without a date keep their place at the end.
    procurement.releases = procurement.releases
      .map((entry, index) => ({ entry, index, time: releaseTime(entry.release) }))
      .sort((a, b) => a.time - b.time || a.index - b.index)
      .map(({ entry }) => entry);
  }
  return { procurements, problems: collector.orphanProblems };
}
