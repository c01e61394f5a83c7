/**
 * npm run timeline -- <file.json | -> [--now 2026-06-01T12:00:00Z]
 * Prints { procurement, events, problems } as JSON (an array of them when the input
 * holds several procurements). Exit 0 when a timeline was produced, 1 with a one-line
 * message when the input holds no OCDS, 2 on wrong usage.
 */
import { readFileSync } from 'node:fs';
import { analyseOcds } from '../lib/analyse';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
let file: string | undefined;
let now = new Date();
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--now') {
    const value = args[++i];
    const parsed = value ? new Date(value) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime())) fail(`--now needs an ISO 8601 date-time, e.g. 2026-06-01T12:00:00Z`, 2);
    now = parsed;
  } else if (arg === '--help' || arg === '-h') {
    process.stdout.write('usage: npm run timeline -- <file.json | -> [--now 2026-06-01T12:00:00Z]\n');
    process.exit(0);
  } else if (file === undefined) {
    file = arg;
  } else {
    fail(`unexpected argument: ${arg}`, 2);
  }
}
if (file === undefined) fail('usage: npm run timeline -- <file.json | -> [--now 2026-06-01T12:00:00Z]', 2);

let text: string;
try {
  text = readFileSync(file === '-' ? 0 : file, 'utf8');
} catch (error) {
  fail(`cannot read ${file}: ${(error as Error).message}`, 2);
}

const result = analyseOcds(text, now);
if (!result.ok) fail(result.message, 1);
const output = result.procurements.length === 1 ? result.procurements[0] : result.procurements;
process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
