/**
 * What the command-line tools share: one input (a file, or `-` for standard input), JSON out
 * (one object for one procurement, an array for several), and the exit codes — 1 with a
 * one-line message when the input holds no OCDS, 2 on wrong usage.
 */
import { readFileSync } from 'node:fs';

export function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The input argument and the given `--name value` options; `--help` prints `usage`. */
export function parseCommandLine(usage: string, optionNames: string[] = []): { file: string; options: Map<string, string | undefined> } {
  const args = process.argv.slice(2);
  const options = new Map<string, string | undefined>();
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (optionNames.includes(arg)) {
      options.set(arg, args[++i]);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else if (file === undefined) {
      file = arg;
    } else {
      fail(`unexpected argument: ${arg}`, 2);
    }
  }
  if (file === undefined) fail(usage, 2);
  return { file, options };
}

export function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`, 2);
  }
}

/** Fails with exit code 1 when the input held no OCDS; else prints one result, or an array of several. */
export function printResults<T>(result: { ok: true; procurements: T[] } | { ok: false; message: string }): void {
  if (!result.ok) fail(result.message, 1);
  const output = result.procurements.length === 1 ? result.procurements[0] : result.procurements;
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}
