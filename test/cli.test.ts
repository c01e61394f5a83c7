import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realOcdsDir, referenceDir } from './support/fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));

function timeline(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/timeline.ts', ...args], { cwd: root, encoding: 'utf8', input: '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run timeline', () => {
  it('prints { procurement, events, problems } with the stable fields', () => {
    const run = timeline(`${realOcdsDir}ocds-h6vhtk-067b89.json`, '--now', '2026-06-01T12:00:00Z');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.procurement).toMatchObject({
      ocid: 'ocds-h6vhtk-067b89',
      title: 'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services',
      buyer: { name: 'Police and Crime Commissioner for West Midlands' },
    });
    expect(out.problems).toEqual([]);
    for (const event of out.events) {
      expect(Object.keys(event)).toEqual(expect.arrayContaining(['kind', 'at', 'date', 'time', 'label', 'source']));
    }
    // The first future key date on 1 June 2026 at 13:00 London is the future notice date that evening.
    expect(out.events.find((e: { status?: string }) => e.status === 'next')).toMatchObject({ type: 'futureNotice', date: '2026-06-01', time: '23:59', daysLeft: 0 });
    // Only UK3 planned procurement notices gave its submission deadline: `estimated`, and labelled so.
    expect(out.events.find((e: { type?: string }) => e.type === 'submissionDeadline')).toMatchObject({ estimated: true, label: 'Submission deadline (expected)', status: 'upcoming' });
    expect(out.events.find((e: { type?: string }) => e.type === 'futureNotice')).not.toHaveProperty('estimated');
  });

  it('marks the key dates after a termination void (real 05cfd9: UK4, then a UK12 on 27 November 2025)', () => {
    const out = JSON.parse(timeline(`${realOcdsDir}ocds-h6vhtk-05cfd9.json`, '--now', '2025-12-01T12:00:00Z').stdout);
    const statuses = out.events.filter((e: { kind: string }) => e.kind === 'keyDate').map((e: { type: string; status: string }) => `${e.type} ${e.status}`);
    expect(statuses).toEqual([
      'enquiryDeadline past',
      'submissionDeadline past',
      'cancelled past',
      'awardPeriodEnd void',
      'contractStart void',
      'contractEnd void',
      'contractMaxExtent void',
    ]);
  });

  it('prints an array when the input holds several procurements', () => {
    const a = JSON.parse(readFileSync(`${realOcdsDir}ocds-h6vhtk-06a838.json`, "utf8"));
    const b = JSON.parse(readFileSync(`${realOcdsDir}ocds-h6vhtk-06bae5.json`, "utf8"));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/timeline.ts', '-'], { cwd: root, encoding: 'utf8', input: JSON.stringify([a, b]) });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).map((p: { procurement: { ocid: string } }) => p.procurement.ocid)).toEqual(['ocds-h6vhtk-06a838', 'ocds-h6vhtk-06bae5']);
  });

  it('fails with one line when the input holds no OCDS', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/timeline.ts', '-'], { cwd: root, encoding: 'utf8', input: '<html><body>Sorry</body></html>' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^This page's data is not OCDS: it is not JSON/);
  });

  it('refuses a --now that is not a date', () => {
    const run = timeline(`${realOcdsDir}ocds-h6vhtk-067b89.json`, '--now', 'tomorrow');
    expect(run.code).toBe(2);
  });
});

describe('npm run compile', () => {
  const compile = (args: string[], input = '') => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/compile.ts', ...args], { cwd: root, encoding: 'utf8', input });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const fictional = `${referenceDir}ocds-fictional-example/`;
  const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

  it("compiles OCP's fictional example's six releases into its published compiled release", () => {
    // The six releases come as six packages, in no particular order; the compiler sorts them by date.
    const files = ['06-implementation', '01-planning', '04-award', '02-tender', '05-contract', '03-tenderAmendment'];
    const input = JSON.stringify(files.map((name) => readJson(`${fictional}ocds-213czf-000-00001-${name}.json`)));
    const run = compile(['-'], input);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const published = readJson(`${fictional}record/ocds-213czf-000-00001.json`).records[0].compiledRelease;
    // OCP's compiler sets id, date and tag the way ours does: {ocid}-{latest date}, ["compiled"].
    expect(published).toMatchObject({ id: 'ocds-213czf-000-00001-2011-01-10T09:30:00Z', date: '2011-01-10T09:30:00Z', tag: ['compiled'] });
    expect(JSON.parse(run.stdout)).toEqual(published);
  });

  it('compiles a real planning notice and the tender notice that followed it (ocds-h6vhtk-069311)', () => {
    // The file lists the UK4 (15:56:54) before the UK3 (15:27:49) it followed.
    const run = compile([fileURLToPath(new URL('./fixtures/fts/api/conversions/uk3-069311.json', import.meta.url))]);
    expect(run.code).toBe(0);
    const compiled = JSON.parse(run.stdout);
    expect(compiled).toMatchObject({
      ocid: 'ocds-h6vhtk-069311',
      id: 'ocds-h6vhtk-069311-2026-07-22T15:56:54+01:00',
      date: '2026-07-22T15:56:54+01:00',
      tag: ['compiled'],
      // The UK4's tender…
      tender: { status: 'active', documents: [{ id: '069310-2026', noticeType: 'UK4' }], tenderPeriod: { endDate: '2026-08-26T14:00:00+01:00' } },
      // …keeps what only the UK3 said.
      planning: { documents: [{ id: '069280-2026', noticeType: 'UK3' }] },
    });
    expect(compiled.tender.description).toMatch(/^A MANDATORY SITE VISIT IS PLANNED FOR 4 AUGUST 2026/);
    expect(compiled.tender.communication).toEqual({ futureNoticeDate: '2026-07-23T23:59:59+01:00' });
  });

  it('prints a real compiled record as it is', () => {
    const run = compile([`${realOcdsDir}ocds-h6vhtk-067b89.json`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(readJson(`${realOcdsDir}ocds-h6vhtk-067b89.json`));
  });

  it('prints an array for a page of many procurements, and its problems on standard error', () => {
    const run = compile([fileURLToPath(new URL('./fixtures/fts/api/whole-stream/page-050.json', import.meta.url))]);
    expect(run.code).toBe(0);
    const compiled = JSON.parse(run.stdout) as Array<{ ocid: string; tag: string[] }>;
    // 100 releases, one of them (071452-2026) twice, of 92 procurements (distinct ocids).
    expect(compiled).toHaveLength(92);
    expect(new Set(compiled.map((c) => c.ocid)).size).toBe(92);
    expect(compiled.every((c) => c.tag.join() === 'compiled')).toBe(true);
    expect(run.stderr).toContain('$.releases[37].tender.lotDetails.maximumLotsBidPerSupplier: Number 1e9999 is too large to be a value');
  });

  it('fails with one line when the input holds no OCDS, and exits 2 on wrong usage', () => {
    const notOcds = compile(['-'], '<html><body>Sorry</body></html>');
    expect(notOcds.code).toBe(1);
    expect(notOcds.stdout).toBe('');
    expect(notOcds.stderr.trim().split('\n')).toHaveLength(1);
    expect(compile([]).code).toBe(2);
    expect(compile(['a.json', 'b.json']).code).toBe(2);
    expect(compile(['/nonexistent/input.json']).code).toBe(2);
  }, 30_000);
});
