/**
 * npm run timeline -- <file.json | -> [--now 2026-06-01T12:00:00Z]
 * Prints { procurement, events, problems } as JSON (an array of them when the input
 * holds several procurements). Exit 0 when a timeline was produced, 1 with a one-line
 * message when the input holds no OCDS, 2 on wrong usage.
 */
import { analyseOcds } from '../lib/analyse';
import { fail, parseCommandLine, printResults, readInput } from './cli';

const { file, options } = parseCommandLine('usage: npm run timeline -- <file.json | -> [--now 2026-06-01T12:00:00Z]', ['--now']);
let now = new Date();
if (options.has('--now')) {
  const value = options.get('--now');
  const parsed = value ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) fail(`--now needs an ISO 8601 date-time, e.g. 2026-06-01T12:00:00Z`, 2);
  now = parsed;
}
printResults(analyseOcds(readInput(file), now));
