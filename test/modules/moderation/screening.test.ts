import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAutomaton } from '../../../server/modules/moderation/aho-corasick.js';
import { normalizeForMatch } from '../../../server/modules/moderation/normalize.js';
import { compileRules, type CompiledRule } from '../../../server/modules/moderation/rule-set.js';

const rule = (pattern: string, action: CompiledRule['action']): CompiledRule => ({
  pattern,
  normalized: normalizeForMatch(pattern),
  action,
});

describe('keyword screening', () => {
  const rules = compileRules([rule('spam', 'review'), rule('赌博', 'hold'), rule('Bad Word', 'block'), rule('發票', 'review')]);

  it('allows text that matches no rule', () => {
    expect(rules.screen('a perfectly fine day')).toEqual({ action: 'allow' });
  });

  it('ignores letter case and full-width forms', () => {
    expect(rules.screen('buy ＳＰＡＭ now')).toEqual({ action: 'review', pattern: 'spam' });
    expect(rules.screen('a BAD WORD here')).toEqual({ action: 'block', pattern: 'Bad Word' });
  });

  it('matches traditional text against a simplified keyword, and the reverse', () => {
    expect(rules.screen('線上賭博網站')).toEqual({ action: 'hold', pattern: '赌博' });
    expect(rules.screen('代开发票')).toEqual({ action: 'review', pattern: '發票' });
  });

  it('sees through zero-width characters splitting a keyword', () => {
    expect(rules.screen('s\u200bp\u200da\ufeffm')).toEqual({ action: 'review', pattern: 'spam' });
    expect(rules.screen('赌\u200c博')).toMatchObject({ action: 'hold' });
  });

  it('answers with the strictest action when several rules match', () => {
    expect(rules.screen('spam and 赌博 and bad word')).toMatchObject({ action: 'block' });
    expect(rules.screen('spam, 賭博')).toMatchObject({ action: 'hold' });
  });

  it('finds the same keywords as a naive scan (overlapping, nested keywords)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 60 }),
        (keywords, text) => {
          const list = keywords.map((k, i) => ({ text: k, severity: (i % 3) + 1 }));
          const expected = list.filter((k) => text.includes(k.text)).reduce((m, k) => Math.max(m, k.severity), 0);
          expect(buildAutomaton(list).find(text)?.severity ?? 0).toBe(expected);
        },
      ),
    );
  });
});

describe('screening with Unicode data, gaps inside a match', () => {
  const rules = compileRules([rule('scam', 'block'), rule('scamword', 'block'), rule('诈骗', 'hold'), rule('qq群', 'review')]);
  const action = (text: string) => rules.screen(text).action;

  it('drops what a reader does not see: every default-ignorable and format character, combining marks', () => {
    for (let cp = 0; cp <= 0xe0fff; cp++) {
      const c = String.fromCodePoint(cp);
      if (!/^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u.test(c) || /^\s$/u.test(c)) continue;
      expect(action(`sc${c}am`), `U+${cp.toString(16)}`).toBe('block');
    }
    expect(action('s\u0336c\u0336a\u0336m\u0336')).toBe('block');
    expect(action('scám')).toBe('block');
  });

  it("maps look-alikes to Unicode's prototypes (UTS #39 confusables)", () => {
    expect(action('\u0455\u0441\u0430m')).toBe('block'); // Cyrillic ѕ, с, а
    expect(action('\u{1d42c}\u{1d41c}\u{1d41a}\u{1d426}')).toBe('block'); // mathematical bold
    expect(action('sca\u217f')).toBe('block'); // ⅿ, small roman numeral one thousand
    // The skeleton's m → rn is not followed: a rule `porn` would catch `pompom`.
    expect(compileRules([rule('porn', 'block')]).screen('pompom and corn').action).toBe('allow');
    expect(normalizeForMatch('HELLO')).toBe(normalizeForMatch('he11o'));
  });

  it("folds (almost) every letter pair of Unicode's confusables.txt to one form", () => {
    const table = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
    let compared = 0;
    const differ: string[] = [];
    for (const [source, prototype] of Object.entries(table)) {
      // Letters and digits only (symbols and punctuation are gaps); the ASCII letters stand for themselves.
      if (!/^[\p{L}\p{N}]+$/u.test(source + prototype) || /^[a-z]$/i.test(source) || prototype.includes('rn')) continue;
      compared += 1;
      if (normalizeForMatch(source) !== normalizeForMatch(prototype)) differ.push(`${source} ≠ ${prototype}`);
    }
    expect(compared).toBeGreaterThan(4000);
    // What differs is decomposed first (NFKD makes ① `1` and 𝐈 `I`, and lower case `i` is not `l`).
    expect(differ.length, differ.slice(0, 20).join(', ')).toBeLessThan(compared * 0.03);
  });

  it('skips any gap inside a Chinese keyword but clause punctuation', () => {
    for (const gap of [' ', '\u3000', '\u2800', '\n', '·', '*', '  \u00a0'])
      expect(action(`快来诈${gap}骗`), JSON.stringify(gap)).toBe('hold');
    for (const text of ['小心欺诈，骗子很多', '打赌。博物馆', '欺诈! 骗子', '诈唬和骗术']) expect(action(text), text).toBe('allow');
    expect(action('加 qq 群')).toBe('review');
  });

  it('joins Latin letters across gaps only when the whole word is spelled out or split over lines', () => {
    for (const text of ['a s c a m here', 's.c.a.m', 'S-C-A-M!', 'x sc\nam y', 'sc\nam\nword', 's c a m w o r d']) {
      expect(action(text), JSON.stringify(text)).toBe('block');
    }
    for (const text of ['his camera', 'this\ncamera', 'is cam', 'sc am', 'Tom’s camera']) {
      expect(action(text), JSON.stringify(text)).toBe('allow');
    }
  });

  it('a keyword with a gap of its own matches with any gap there, or none', () => {
    const phrase = compileRules([rule('Bad Word', 'block')]);
    for (const text of ['bad word', 'BAD-WORD', 'badword', 'bad\u3000word', 'bad\nword'])
      expect(phrase.screen(text).action, text).toBe('block');
    expect(phrase.screen('bad words, good words').action).toBe('block');
    expect(phrase.screen('a bad sword').action).toBe('allow');
  });
});
