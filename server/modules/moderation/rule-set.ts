/** The compiled keyword rules: one automaton, answering with the strictest matching action. */
import type { ModerationAction } from '../../../shared/dto.js';
import { buildAutomaton, type KeywordAutomaton } from './aho-corasick.js';
import { foldCodeUnit } from './han-variants.js';
import { prepareForMatch } from './normalize.js';
import type { ScreenResult } from './screening.js';

/** block > hold > review. */
export const severityOf: Readonly<Record<ModerationAction, number>> = { review: 1, hold: 2, block: 3 };
const actionOf: Readonly<Record<number, ModerationAction>> = { 1: 'review', 2: 'hold', 3: 'block' };

export interface CompiledRule {
  /** As the moderator typed it (what the author is told). */
  readonly pattern: string;
  readonly normalized: string;
  readonly action: ModerationAction;
}

export interface RuleSet {
  screen(text: string): ScreenResult;
  readonly size: number;
}

export function compileRules(rules: readonly CompiledRule[]): RuleSet {
  const patternOf = new Map<string, string>();
  for (const r of rules) patternOf.set(r.normalized, r.pattern);
  const automaton: KeywordAutomaton = buildAutomaton(rules.map((r) => ({ text: r.normalized, severity: severityOf[r.action] })));
  return {
    size: automaton.size,
    screen(text) {
      if (automaton.size === 0) return { action: 'allow' };
      const match = automaton.find(prepareForMatch(text), foldCodeUnit);
      if (!match) return { action: 'allow' };
      return { action: actionOf[match.severity]!, pattern: patternOf.get(match.keyword) ?? match.keyword };
    },
  };
}
