/**
 * A cheap look at diary markup before it is sanitised. sanitize-html's cost grows much faster than
 * the input for some shapes (66,666 unclosed `<a>` in 200 KB took ~7.5 s), so markup with more
 * elements or deeper nesting than any real diary is refused in one linear pass instead.
 */
import { invalid } from '../../errors.js';

/** More opening tags than a 100,000-character diary of ordinary paragraphs has (~8,000). */
export const maxDiaryElements = 10_000;
/** Rich text nests a few levels (a list in a quote in a paragraph); 64 is far past that. */
export const maxDiaryDepth = 64;

/** Elements that never hold children, so they never deepen the nesting. */
const voidElements = new Set([
  'br',
  'img',
  'hr',
  'wbr',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'param',
  'source',
  'track',
]);

export interface DiaryShape {
  readonly elements: number;
  readonly depth: number;
}

/** Counts opening tags and the deepest nesting; stops as soon as either passes its limit. */
export function measureDiaryShape(html: string, limits = { elements: maxDiaryElements, depth: maxDiaryDepth }): DiaryShape {
  // `[^<>]` keeps each match within one tag, so `<a<a<a…` without a `>` stays linear.
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g;
  const open: string[] = [];
  let elements = 0;
  let depth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      // A closing tag closes the nearest open element of its name (and any left open inside it).
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    elements += 1;
    if (elements > limits.elements) break;
    if (m[3] || voidElements.has(name)) continue;
    open.push(name);
    depth = Math.max(depth, open.length);
    if (depth > limits.depth) break;
  }
  return { elements, depth };
}

/** Throws `invalid` for markup no real diary has; cheap enough to run on the event loop. */
export function checkDiaryShape(html: string): void {
  const shape = measureDiaryShape(html);
  if (shape.elements > maxDiaryElements) {
    throw invalid(`text: at most ${maxDiaryElements} HTML elements`, { text: `has more than ${maxDiaryElements} HTML elements` });
  }
  if (shape.depth > maxDiaryDepth) {
    throw invalid(`text: HTML nested at most ${maxDiaryDepth} deep`, { text: `is nested more than ${maxDiaryDepth} deep` });
  }
}
