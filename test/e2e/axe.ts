/**
 * axe-core in a page (opened with `bypassCSP`, since the app's CSP blocks the injected script): the
 * serious and critical violations as the page is now, reduced to what a failing test should print.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFinding {
  readonly rule: string;
  readonly impact: string | null;
  readonly where: readonly unknown[];
}

export async function axeProblems(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  const found = await page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> };
    const runner = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const { violations } = await runner.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ rule: v.id, impact: v.impact, where: v.nodes.slice(0, 5).map((n) => n.target) }));
  });
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
