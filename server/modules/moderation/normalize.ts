/**
 * Text normalisation for keyword matching, applied alike to patterns and to screened text so that
 * trivial disguises do not slip past a rule: full-width/compatibility forms (NFKC), letter case,
 * traditional vs simplified Chinese, and invisible characters inserted to split a keyword.
 */
import { foldCodeUnit } from './han-variants.js';

/** Zero-width and other invisible format characters (ZWSP/ZWNJ/ZWJ, marks, word joiner, BOM, soft hyphen…). */
const invisible =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/**
 * Invisible characters out, then compatibility forms and case folded: everything but the
 * traditional → simplified step, which the matcher applies per code unit while scanning.
 */
export function prepareForMatch(text: string): string {
  return text.replace(invisible, '').normalize('NFKC').toLowerCase().replace(invisible, '');
}

/** The canonical form a keyword is stored and compiled in (`prepareForMatch` plus Chinese folding). */
export function normalizeForMatch(text: string): string {
  const prepared = prepareForMatch(text);
  let out = '';
  for (let i = 0; i < prepared.length; i++) out += String.fromCharCode(foldCodeUnit[prepared.charCodeAt(i)]!);
  return out;
}
