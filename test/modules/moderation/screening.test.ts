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
