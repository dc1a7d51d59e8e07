/**
 * Traditional → simplified Chinese, so a keyword written in one script also catches text in the
 * other: the full OpenCC character table (TSCharacters plus Taiwan/Hong Kong standard forms),
 * generated into ./han-variants.generated.ts by scripts/gen-han-variants.ts. Character by character,
 * not OpenCC's phrase-aware conversion: where one traditional character has several simplified
 * forms the first is taken (乾 → 干), and since the pattern and the text are folded the same way
 * that can only widen a match, never hide one.
 */
import { pairs } from './han-variants.generated.js';

/** Traditional code point → simplified code point. */
export const traditionalToSimplified: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const from = pairs.charCodeAt(i);
    const to = pairs.charCodeAt(i + 1);
    if (from !== to) map.set(from, to);
  }
  return map;
})();

/**
 * The same mapping as a lookup table over UTF-16 code units (the generator keeps only BMP pairs), so
 * the matcher folds text as it scans instead of building a converted copy first.
 */
export const foldCodeUnit: Uint16Array = (() => {
  const table = new Uint16Array(0x10000);
  for (let i = 0; i < table.length; i++) table[i] = i;
  for (const [from, to] of traditionalToSimplified) table[from] = to;
  return table;
})();
