/**
 * What each look-alike character stands for: the confusables skeleton of UTS #39 (Unicode's
 * confusables.txt as the `unhomoglyph` package ships it: Cyrillic `ѕ` → `s`, `|` → `l`, `0` → `O`),
 * combined with the traditional → simplified table (han-variants.ts), NFKD, marks dropped and lower
 * case, and applied until nothing changes, so that every character maps straight to its final form.
 * One departure: the skeleton writes `m` as `rn`, which would make a rule `porn` match `pompom`; here
 * the ASCII letters stand for themselves and a prototype's `rn` is `m` (`ⅿ`, `𝐦` are `m`).
 */
import { createRequire } from 'node:module';
import { CharKind, isMappable, kindOf } from './char-class.js';
import { traditionalToSimplified } from './han-variants.js';

const require = createRequire(import.meta.url);
/** confusables.txt as one object: source character → prototype (both strings). */
const confusables = require('unhomoglyph/data.json') as Record<string, string>;

const asciiLetter = /^[a-z]$/i;
function prototypeOf(ch: string): string {
  const prototype = confusables[ch];
  if (prototype === undefined || asciiLetter.test(ch)) return ch;
  return prototype.replaceAll('rn', 'm');
}

/** Compatibility forms decomposed (full width, ligatures, `ä` as `a` + a mark): the form text is scanned in. */
export const decompose = (text: string): string => text.normalize('NFKD');

/** One round: decompose, then each mappable character to its simplified form, its prototype, lower case. */
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
    // The table is case-sensitive (Cyrillic З is 3, з is ɜ): the character as written first.
    let prototype = prototypeOf(folded);
    if (prototype === folded) prototype = prototypeOf(folded.toLowerCase());
    out += prototype.toLowerCase();
  }
  return out;
}

/**
 * What a code point (as found in decomposed text) is compared as, or undefined when it stands for
 * itself: `step` applied until nothing changes (a prototype may decompose or have a prototype).
 */
export function canonicalOf(cp: number): string | undefined {
  const from = String.fromCodePoint(cp);
  let form = from;
  for (let round = 0; round < 8; round++) {
    const next = step(form);
    if (next === form) break;
    form = next;
  }
  return form === from ? undefined : form;
}
