/**
 * What each look-alike character stands for: the confusables skeleton of UTS #39 (Unicode's
 * confusables.txt as the `unhomoglyph` package ships it: Cyrillic `ѕ` → `s`, `|` → `l`, `0` → `O`,
 * `m` → `rn`), combined with the traditional → simplified table (han-variants.ts), NFKD, marks
 * dropped and lower case, and applied until nothing changes, so that every character maps straight
 * to its final form. The form is for comparing, not for reading (`m` becomes `rn` in the keyword and
 * in the text alike).
 */
import { createRequire } from 'node:module';
import { CharKind, isMappable, kindOf } from './char-class.js';
import { traditionalToSimplified } from './han-variants.js';

const require = createRequire(import.meta.url);
/** confusables.txt as one object: source character → prototype (both strings). */
const confusables = require('unhomoglyph/data.json') as Record<string, string>;

/** NFKD and lower case: the form text is in before its characters are mapped one by one. */
export const decompose = (text: string): string => text.normalize('NFKD').toLowerCase();

/** One round: decompose, then each mappable character to its simplified form and its prototype. */
function step(text: string): string {
  let out = '';
  for (const ch of decompose(text)) {
    const cp = ch.codePointAt(0)!;
    const kind = kindOf(cp);
    if (kind === CharKind.dropped) continue;
    if (!isMappable(kind)) {
      out += ch;
      continue;
    }
    const simplified = traditionalToSimplified.get(cp);
    const folded = simplified === undefined ? ch : String.fromCharCode(simplified);
    out += confusables[folded] ?? folded;
  }
  return out;
}

/** Code point (as found in decomposed text) → what it is compared as, where that differs. */
export const skeletonOf: ReadonlyMap<number, string> = (() => {
  const sources = new Set<number>(traditionalToSimplified.keys());
  for (const from of Object.keys(confusables)) if ([...from].length === 1) sources.add(from.codePointAt(0)!);
  const map = new Map<number, string>();
  for (const cp of sources) {
    const kind = kindOf(cp);
    if (!isMappable(kind)) continue;
    const from = String.fromCodePoint(cp);
    // Only characters that survive decomposition as themselves can meet the table in decomposed text.
    if (decompose(from) !== from) continue;
    let form = from;
    for (let round = 0; round < 8; round++) {
      const next = step(form);
      if (next === form) break;
      form = next;
    }
    if (form !== from) map.set(cp, form);
  }
  return map;
})();
