/**
 * Text in the form keywords are matched in, applied alike to rules and to screened text so that
 * disguises do not slip past a rule: NFKD (full-width and other compatibility forms) with combining
 * marks dropped (`scäm`, `scam\u0336`), letter case, everything a reader does not see dropped
 * (default-ignorable code points, format characters: zero-width characters, tag characters,
 * U+1D173…), look-alikes mapped to one prototype (UTS #39 confusables) and traditional Chinese
 * folded to simplified (skeleton.ts). What separates letters — white space, punctuation, symbols,
 * line breaks — is not part of the compared letters but kept beside them as the gap before each
 * letter, so that a rule can see through `诈 骗` without joining two words (rule-set.ts).
 */
import { CharKind, isMappable, kindOf } from './char-class.js';
import { canonicalOf, decompose } from './skeleton.js';

/** What stands between two letters; the strongest one met counts (clause > line > blank). */
export const Gap = { none: 0, blank: 1, line: 2, clause: 3 } as const;
export type Gap = (typeof Gap)[keyof typeof Gap];

// Read once: a namespace import's properties are getters under the TypeScript loader, too slow per character.
const { letter: letterKind, unspacedLetter: unspacedKind } = CharKind;

/** The gap each kind of character makes (by CharKind; letters and dropped characters make none). */
const gapOf = new Uint8Array(8);
gapOf[CharKind.blank] = Gap.blank;
gapOf[CharKind.symbol] = Gap.blank;
gapOf[CharKind.line] = Gap.line;
gapOf[CharKind.clause] = Gap.clause;

export interface MatchText {
  /** The letters in compared form, nothing between them. */
  readonly letters: string;
  /**
   * Per code unit of `letters`, the gap before it (the first: `blank`, the start of the text is a
   * boundary; the second half of a surrogate pair: `none`), plus one entry after the last letter
   * (`blank` at least: the end is a boundary too).
   */
  readonly gaps: Uint8Array;
  /** Per code unit of `letters`: 1 for a letter of a script written without spaces (Han, kana…). */
  readonly unspaced: Uint8Array;
  /**
   * Per code unit: 1 when it comes from the same character as the one before (the second half of
   * a surrogate pair; `r`, `n` of `m`'s prototype `rn`).
   */
  readonly sameChar: Uint8Array;
}

const utf16 = new TextDecoder('utf-16le');

/** Per BMP code unit, filled on first sight: its kind (low 3 bits) and 1 + its skeleton's index in `targets` (or 0). */
const bmpEntry = new Int32Array(0x10000);
const targets: string[] = [];
function bmpEntryOf(cp: number): number {
  const kind = kindOf(cp);
  const mapped = isMappable(kind) ? canonicalOf(cp) : undefined;
  const entry = mapped === undefined ? kind : (targets.push(mapped) << 3) | kind;
  bmpEntry[cp] = entry;
  return entry;
}

/** Astral code points' forms (emoji, math letters, tag characters are dropped before this); bounded. */
const astralForms = new Map<number, string | null>();
function astralCanonical(cp: number): string | undefined {
  let form = astralForms.get(cp);
  if (form === undefined) {
    form = canonicalOf(cp) ?? null;
    if (astralForms.size < 4096) astralForms.set(cp, form);
  }
  return form ?? undefined;
}

/** The buffers of one preparation, grown as needed. */
interface Builder {
  units: Uint16Array;
  gaps: Uint8Array;
  unspaced: Uint8Array;
  sameChar: Uint8Array;
  n: number;
  gap: number;
  /** The next letter starts a new source character. */
  fresh: boolean;
}

function grow(b: Builder): void {
  const size = b.units.length * 2;
  const units = new Uint16Array(size);
  const gaps = new Uint8Array(size + 1);
  const unspaced = new Uint8Array(size);
  const sameChar = new Uint8Array(size);
  units.set(b.units);
  gaps.set(b.gaps);
  unspaced.set(b.unspaced);
  sameChar.set(b.sameChar);
  b.units = units;
  b.gaps = gaps;
  b.unspaced = unspaced;
  b.sameChar = sameChar;
}

function put(b: Builder, cp: number, kind: number): void {
  if (kind < letterKind) {
    const between = gapOf[kind]!;
    if (between > b.gap) b.gap = between;
    return;
  }
  if (b.n + 2 > b.units.length) grow(b);
  const flag = kind === unspacedKind ? 1 : 0;
  let n = b.n;
  b.gaps[n] = b.gap;
  b.unspaced[n] = flag;
  b.sameChar[n] = b.fresh ? 0 : 1;
  if (cp > 0xffff) {
    b.units[n++] = 0xd800 + ((cp - 0x10000) >> 10);
    b.gaps[n] = Gap.none;
    b.unspaced[n] = flag;
    b.sameChar[n] = 1;
    b.units[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
  } else {
    b.units[n++] = cp;
  }
  b.n = n;
  b.gap = Gap.none;
  b.fresh = false;
}

/** Reused by every call (allocating typed arrays costs more than filling them). */
const scratch: Builder = {
  units: new Uint16Array(4096),
  gaps: new Uint8Array(4097),
  unspaced: new Uint8Array(4096),
  sameChar: new Uint8Array(4096),
  n: 0,
  gap: Gap.blank,
  fresh: true,
};

/**
 * The letters of `text` in compared form, with the gaps between them. The arrays are views of
 * buffers the next call reuses: read them before preparing another text.
 */
export function prepareForMatch(text: string): MatchText {
  const source = decompose(text);
  const b = scratch;
  b.n = 0;
  b.gap = Gap.blank;
  while (b.units.length < source.length + 8) grow(b);
  for (let i = 0; i < source.length; i++) {
    let cp = source.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < source.length) {
      const low = source.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    b.fresh = true;
    let target: string | undefined;
    if (cp < 0x10000) {
      const entry = bmpEntry[cp] || bmpEntryOf(cp);
      if (entry < 8) {
        put(b, cp, entry);
        continue;
      }
      target = targets[(entry >> 3) - 1]!;
    } else {
      const kind = kindOf(cp);
      target = isMappable(kind) ? astralCanonical(cp) : undefined;
      if (target === undefined) {
        put(b, cp, kind);
        continue;
      }
    }
    for (let j = 0; j < target.length; j++) {
      const m = target.codePointAt(j)!;
      if (m > 0xffff) j++;
      put(b, m, kindOf(m));
    }
  }
  const { n } = b;
  b.gaps[n] = Math.max(b.gap, Gap.blank);
  return {
    letters: utf16.decode(b.units.subarray(0, n)),
    gaps: b.gaps.subarray(0, n + 1),
    unspaced: b.unspaced.subarray(0, n),
    sameChar: b.sameChar.subarray(0, n),
  };
}

/**
 * The canonical form a keyword is stored under (one rule per keyword): its compared letters, with
 * one space wherever the keyword itself has a gap.
 */
export function normalizeForMatch(text: string): string {
  const { letters, gaps } = prepareForMatch(text);
  let out = '';
  for (let i = 0; i < letters.length; i++) out += (i > 0 && gaps[i] !== Gap.none ? ' ' : '') + letters[i];
  return out;
}
