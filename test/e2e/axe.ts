/**
 * axe-core in the real browsers: every accessibility check of the e2e tests goes through here.
 *
 * axe's source is evaluated in the page's main world through the browser's remote protocol
 * (as devtools do, so the page's CSP and the extension pages' CSP do not stop it), and run with
 * all its default rules (every WCAG 2.0–2.2 A/AA rule and the best practices).
 *
 * - `page`: the whole document (the popup, the options page).
 * - `panel`: the panel's content inside its CLOSED shadow root. axe walks shadow trees through
 *   `element.shadowRoot`, which is null for a closed root, so while axe runs the harness's
 *   closed-root handle (`TestPage.inPanel`) lends the host a `shadowRoot` getter returning the
 *   root, and axe is run on the host alone: everything in the panel, nothing of FTS's page
 *   (whose own faults are not ours). The getter is removed as soon as axe is done. Page-level
 *   rules (one `main`, a level-one heading, a skip link) do not apply to a part of a page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestPage } from './browsers.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

type Scope = 'page' | 'panel';

export interface AxeReport {
  violations: AxeViolation[];
  /** Rules that applied and passed: 0 would mean axe saw nothing (the closed root not reached). */
  passedRules: number;
}

async function injectAxe(page: TestPage): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  // Both libraries evaluate a string as a script through their remote protocol.
  await (page.raw as unknown as { evaluate(script: string): Promise<unknown> }).evaluate(AXE_SOURCE);
  if (!(await page.evaluate(() => 'axe' in window))) throw new Error('axe-core did not load in the page');
}

/**
 * Runs in the page (the function is sent there whole): axe on `root`'s host when given the
 * panel's shadow root, else on the document; the result reduced to plain data.
 */
async function runAxe(root: ShadowRoot | null): Promise<AxeReport> {
  type Result = { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] };
  const axe = (window as unknown as { axe: { run(context: Node, options: object): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
  const host = root?.host;
  if (host) Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => root });
  try {
    const { violations, passes } = await axe.run(host ?? document, { resultTypes: ['violations'] });
    return {
      violations: violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), html: n.html.slice(0, 300), summary: n.failureSummary ?? '' })),
      })),
      passedRules: passes.length,
    };
  } finally {
    if (host) delete (host as { shadowRoot?: unknown }).shadowRoot;
  }
}

/** What axe finds wrong in the `scope` of `page` (every violation, of any impact), and how many rules it found passed there. */
export async function axeReport(page: TestPage, scope: Scope): Promise<AxeReport> {
  await injectAxe(page);
  return scope === 'page' ? page.evaluate(runAxe, null) : page.inPanel(runAxe);
}

/** The failure message: each violation with its id, impact, help and the nodes it was found on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => [`${v.id} (${v.impact ?? 'no impact'}): ${v.help}`, ...v.nodes.map((n) => `  ${n.target} ${n.html}\n    ${n.summary.replace(/\n/g, '\n    ')}`)].join('\n'))
    .join('\n');
}

/** Fails, naming every violation and node, unless axe finds nothing wrong in `scope`. */
export async function expectAxeClean(page: TestPage, scope: Scope, what: string): Promise<void> {
  const { violations, passedRules } = await axeReport(page, scope);
  if (passedRules === 0) throw new Error(`axe checked nothing in ${what}`);
  if (violations.length > 0) throw new Error(`axe found ${violations.length} violation(s) in ${what}:\n${describeViolations(violations)}`);
}
