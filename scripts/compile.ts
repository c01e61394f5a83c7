/**
 * npm run compile -- <file.json | ->
 * Prints the compiled release of each procurement in the input — the merged state its
 * timeline is built from — as JSON (an array of them when the input holds several
 * procurements), and on standard error each problem, one a line. Exit 0 when a compiled
 * release was produced, 1 with a one-line message when the input holds no OCDS, 2 on
 * wrong usage.
 */
import { compileOcds } from '../lib/analyse';
import { parseCommandLine, printResults, readInput } from './cli';

const { file } = parseCommandLine('usage: npm run compile -- <file.json | ->');
const result = compileOcds(readInput(file));
if (result.ok) {
  // A problem outside every procurement is listed with each of them: say it once.
  const lines = new Set(result.procurements.flatMap(({ problems }) => problems.map((p) => `${p.path}: ${p.message}`)));
  for (const line of lines) process.stderr.write(`${line}\n`);
}
printResults(result.ok ? { ok: true, procurements: result.procurements.map((p) => p.compiledRelease) } : result);
