import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realOcdsDir } from './support/fixtures';

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
    // The first future key date on 1 Jun 2026 at 13:00 London is the future notice date that evening.
    expect(out.events.find((e: { status?: string }) => e.status === 'next')).toMatchObject({ type: 'futureNotice', date: '2026-06-01', time: '23:59', daysLeft: 0 });
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
