/**
 * The traditional → simplified table moderation folds with: generated from OpenCC's data (opencc-js),
 * up to date with its generator, agreeing with OpenCC's own converter, and catching keywords across
 * scripts for characters the old hand-typed table of ~950 pairs did not have.
 */
import fs from 'node:fs';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { buildPairs, outFile, render } from '../../../scripts/gen-han-variants.js';
import { foldCodeUnit, traditionalToSimplified } from '../../../server/modules/moderation/han-variants.js';
import { normalizeForMatch } from '../../../server/modules/moderation/normalize.js';
import { compileRules } from '../../../server/modules/moderation/rule-set.js';

describe('the traditional → simplified table', () => {
  it('is the generator’s current output (regenerate with npm run gen:han-variants)', () => {
    expect(fs.readFileSync(outFile, 'utf8')).toBe(render(buildPairs()));
  });

  it('covers OpenCC’s character table, every pair in the BMP', () => {
    expect(traditionalToSimplified.size).toBeGreaterThan(2500);
    for (const [from, to] of traditionalToSimplified) {
      expect(from).toBeLessThan(0x10000);
      expect(foldCodeUnit[from]).toBe(to);
    }
  });

  it('agrees with OpenCC’s own Taiwan → mainland converter on single characters it maps one to one', () => {
    const t2s = Converter({ from: 'tw', to: 'cn' });
    let compared = 0;
    const disagreements: string[] = [];
    for (const [from, to] of traditionalToSimplified) {
      const char = String.fromCharCode(from);
      const opencc = t2s(char);
      if (opencc.length !== 1 || opencc === char) continue; // phrase-only or identity in OpenCC's view
      compared += 1;
      if (opencc !== String.fromCharCode(to)) disagreements.push(`${char}: ${opencc} vs ${String.fromCharCode(to)}`);
    }
    expect(compared).toBeGreaterThan(2000);
    // Several simplified forms: OpenCC picks by context where we take the first; allow a few.
    expect(disagreements.length, disagreements.slice(0, 20).join(', ')).toBeLessThan(compared * 0.01);
  });

  it('never folds a simplified character away from itself', () => {
    for (const simplified of '这说个们来时对会国过还学为么里开点长见问吃台温干后发面') {
      expect(normalizeForMatch(simplified), simplified).toBe(simplified);
    }
  });

  it('catches keywords across scripts for characters beyond the old hand-typed table', () => {
    // 鬱/郁, 龐/庞, 罷/罢, 囂/嚣, 詐騙/诈骗: not in the ~950 hand-typed pairs.
    const rules = compileRules([
      { pattern: '诈骗', normalized: normalizeForMatch('诈骗'), action: 'block' },
      { pattern: '囂張', normalized: normalizeForMatch('囂張'), action: 'hold' },
    ]);
    expect(rules.screen('小心電話詐騙')).toMatchObject({ action: 'block', pattern: '诈骗' });
    expect(rules.screen('太嚣张了')).toMatchObject({ action: 'hold', pattern: '囂張' });
    expect(normalizeForMatch('憂鬱的龐然大物罷了')).toBe('忧郁的庞然大物罢了');
    // Taiwan standard forms fold too.
    expect(normalizeForMatch('裡面')).toBe(normalizeForMatch('里面'));
  });
});
