/**
 * The compiled keyword rules: one automaton over the rules' letters, answering with the strictest
 * matching action. Gaps (white space, punctuation, symbols, line breaks) are skipped inside a match,
 * but only where they cannot join two words into a keyword:
 * - next to a letter of a script written without spaces (Han, kana, Hangul…) any gap but clause
 *   punctuation is skipped: `诈 骗`, `诈\u3000骗`, `诈\u2800骗`, `诈<br>骗` are `诈骗`, while
 *   `欺诈，骗子` (fraud, crooks) is two clauses, not `诈骗`;
 * - where the keyword itself has a gap (`bad word`), any gap or none;
 * - between two other letters (Latin, Cyrillic, digits…) a gap is a word boundary, so an occurrence
 *   across gaps counts only when it starts and ends on word boundaries, and either there is a gap
 *   between every two of its letters (`s c a m`, `s.c.a.m`) or every gap in it is a line break (a
 *   word split over lines: `sc<br>am`, a diary's blocks being lines). `his camera` is not `scam`; neither is `sc am` (a space inside
 *   a Latin word is not told apart from two words, `an al`).
 */
import type { ModerationAction } from '../../../shared/dto.js';
import { buildAutomaton, type AcceptMatch, type KeywordAutomaton } from './aho-corasick.js';
import { Gap, prepareForMatch, type MatchText } from './normalize.js';
import type { ScreenResult } from './screening.js';

/** block > hold > review. */
export const severityOf: Readonly<Record<ModerationAction, number>> = { review: 1, hold: 2, block: 3 };
const actionOf: Readonly<Record<number, ModerationAction>> = { 1: 'review', 2: 'hold', 3: 'block' };

export interface CompiledRule {
  /** As the moderator typed it (what the author is told). */
  readonly pattern: string;
  /** The stored key (normalizeForMatch); rules are compiled from `pattern`, so older keys still work. */
  readonly normalized: string;
  readonly action: ModerationAction;
}

export interface RuleSet {
  screen(text: string): ScreenResult;
  readonly size: number;
}

// Read once: a namespace import's properties are getters under the TypeScript loader, too slow per letter.
const { none: noGap, line: lineGap, clause: clauseGap } = Gap;

/** How a gap before a keyword's letter is judged. */
const Between = { any: 0, noClause: 1, word: 2 } as const;

export interface Keyword {
  readonly pattern: string;
  readonly letters: string;
  /** Per letter (index ≥ 1): how the text's gap before it is judged. */
  readonly between: Uint8Array;
}

export function toKeyword(pattern: string): Keyword {
  const { letters, gaps, unspaced, sameChar } = prepareForMatch(pattern);
  const between = new Uint8Array(letters.length);
  for (let i = 1; i < letters.length; i++) {
    if (gaps[i] !== Gap.none || sameChar[i]) between[i] = Between.any;
    else if (unspaced[i - 1] || unspaced[i]) between[i] = Between.noClause;
    else between[i] = Between.word;
  }
  return { pattern, letters, between };
}

/** A word boundary before `start` and after `end` (a gap, an end of the text, or an unspaced letter). */
function onWordBoundaries(text: MatchText, start: number, end: number): boolean {
  const before = text.gaps[start] !== noGap || text.unspaced[start] === 1 || text.unspaced[start - 1] === 1;
  const after = text.gaps[end + 1] !== noGap || text.unspaced[end] === 1 || text.unspaced[end + 1] === 1;
  return before && after;
}

/** Whether the gaps of the text between the letters of `keyword`, found ending at `end`, allow it. */
export function gapsAllow(keyword: Keyword, text: MatchText, end: number): boolean {
  const start = end - keyword.letters.length + 1;
  let empty = 0;
  let lines = 0;
  let blank = 0;
  for (let i = 1; i < keyword.letters.length; i++) {
    const gap = text.gaps[start + i]!;
    const judged = keyword.between[i]!;
    if (judged === Between.noClause && gap === clauseGap) return false;
    if (judged !== Between.word) continue;
    if (gap === noGap) empty += 1;
    else if (gap === lineGap) lines += 1;
    else blank += 1;
  }
  if (lines + blank === 0) return true; // letters side by side: a plain substring match, as always
  return (empty === 0 || blank === 0) && onWordBoundaries(text, start, end);
}

export function compileRules(rules: readonly CompiledRule[]): RuleSet {
  const keywords = rules.map((r) => toKeyword(r.pattern));
  const automaton: KeywordAutomaton = buildAutomaton(keywords.map((k, i) => ({ text: k.letters, severity: severityOf[rules[i]!.action] })));
  return {
    size: automaton.size,
    screen(text) {
      if (automaton.size === 0) return { action: 'allow' };
      const prepared = prepareForMatch(text);
      const accept: AcceptMatch = (index, end) => gapsAllow(keywords[index]!, prepared, end);
      const match = automaton.find(prepared.letters, undefined, accept);
      if (!match) return { action: 'allow' };
      return { action: actionOf[match.severity]!, pattern: rules[match.index]!.pattern };
    },
  };
}
