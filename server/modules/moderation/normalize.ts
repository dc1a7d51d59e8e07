/**
 * Text normalisation for keyword matching, applied alike to patterns and to screened text so that
 * trivial disguises do not slip past a rule: full-width/compatibility forms (NFKC), letter case,
 * traditional vs simplified Chinese, and invisible characters inserted to split a keyword.
 */
import { traditionalToSimplified } from './han-variants.js';

/** Zero-width and other invisible format characters (ZWSP/ZWNJ/ZWJ, marks, word joiner, BOM, soft hyphen…). */
const invisible = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/** The canonical form a keyword and a text are compared in. */
export function normalizeForMatch(text: string): string {
  const folded = text.replace(invisible, '').normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) {
    const cp = ch.codePointAt(0)!;
    const mapped = cp >= 0x3400 ? traditionalToSimplified.get(cp) : undefined;
    out += mapped === undefined ? ch : String.fromCodePoint(mapped);
  }
  // NFKC can expose new invisible characters (rare); strip again so the result is stable.
  return out.replace(invisible, '');
}
