/**
 * What one code point is to keyword screening, from Unicode's own properties (V8's regex tables):
 * - dropped: nothing a reader sees — default-ignorable code points (zero-width characters, tag
 *   characters U+E0020…, variation selectors, the Hangul filler), format characters (`Cf`: U+1D173
 *   and the other musical beam/slur controls, bidi controls, the soft hyphen) and combining marks
 *   (after NFKD, so `ä` is `a` + a dropped mark; the kana voicing marks are kept: カ and ガ differ);
 * - a gap between words: white space, punctuation and symbols (the braille blank U+2800 is a symbol);
 *   line breaks and clause punctuation (。，、；：！？ — after NFKD the last four are ASCII) apart,
 *   because the matcher treats them differently (see rule-set.ts);
 * - a letter, noting whether its script writes words without spaces between them (Han, kana, Hangul,
 *   Thai…), where a gap inside a keyword is a disguise rather than a word boundary.
 */

export const CharKind = {
  dropped: 1,
  /** White space, punctuation other than clause punctuation. */
  blank: 2,
  /** A symbol: a gap unless the confusables map makes it a letter (`|` reads as `l`). */
  symbol: 3,
  line: 4,
  clause: 5,
  letter: 6,
  /** A letter of a script written without spaces between words. */
  unspacedLetter: 7,
} as const;
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

const dropped = /^(?:\p{Default_Ignorable_Code_Point}|\p{Cf}|\p{Cs}|(?![\u3099\u309a])\p{M}|[\0-\x08\x0e-\x1f\x7f-\x84\x86-\x9f])$/u;
const line = /^[\n\v\f\r\x85\u2028\u2029]$/u;
const clause = /^[,;:!?\u3001\u3002]$/u;
const blank = /^[\s\p{Z}\p{P}]$/u;
const symbol = /^\p{S}$/u;
const unspaced =
  /^[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}\p{Script_Extensions=Bopomofo}\p{Script_Extensions=Yi}\p{Script_Extensions=Thai}\p{Script_Extensions=Lao}\p{Script_Extensions=Khmer}\p{Script_Extensions=Myanmar}\p{Script_Extensions=Tangut}]$/u;

function classify(cp: number): CharKind {
  const c = String.fromCodePoint(cp);
  if (dropped.test(c)) return CharKind.dropped;
  if (line.test(c)) return CharKind.line;
  if (clause.test(c)) return CharKind.clause;
  if (blank.test(c)) return CharKind.blank;
  if (symbol.test(c)) return CharKind.symbol;
  return unspaced.test(c) ? CharKind.unspacedLetter : CharKind.letter;
}

/** Filled on first sight of each BMP code unit (0 = not yet), so start-up costs nothing. */
const bmp = new Uint8Array(0x10000);
/** Astral code points seen; bounded so that text full of distinct ones cannot grow it without end. */
const astral = new Map<number, CharKind>();
const maxAstral = 4096;

export function kindOf(cp: number): CharKind {
  if (cp < 0x10000) {
    const known = bmp[cp]!;
    if (known !== 0) return known as CharKind;
    const kind = classify(cp);
    bmp[cp] = kind;
    return kind;
  }
  let kind = astral.get(cp);
  if (kind === undefined) {
    kind = classify(cp);
    if (astral.size < maxAstral) astral.set(cp, kind);
  }
  return kind;
}

/** Letters (of either kind) are what keywords are made of; the rest is dropped or separates them. */
export const isLetter = (kind: CharKind): boolean => kind >= CharKind.letter;

/**
 * Whether the confusables map may rewrite this character: letters, digits and symbols, never white
 * space or punctuation (an em dash stays a gap, not the letter ー it looks like).
 */
export const isMappable = (kind: CharKind): boolean => kind >= CharKind.letter || kind === CharKind.symbol;
