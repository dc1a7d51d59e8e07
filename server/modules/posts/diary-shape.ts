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

/** Elements whose content is text up to their closing tag (htmlparser2's raw-text elements). */
const rawTextElements = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isAsciiAlpha = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
/** Ends a tag name or an attribute name: whitespace, `/` or `>`. */
const endsTagSection = (c: number) => isSpace(c) || c === 0x2f || c === 0x3e;
/** Where the text after `from` goes on: just past the first `needle`, or the end. */
const after = (html: string, needle: string, from: number) => {
  const at = html.indexOf(needle, from);
  return at < 0 ? html.length : at + needle.length;
};

/**
 * Reads an open tag's attributes from `from` (just past its name): where the tag ends (just past
 * its `>`, or the end of the markup) and whether it ended in `/>`. A `<` or `>` inside a quoted
 * attribute value belongs to the value, as it does for htmlparser2 (sanitize-html's parser), whose
 * tokenizer states this follows.
 */
function readOpenTag(html: string, from: number): { end: number; selfClosing: boolean } {
  const n = html.length;
  let i = from;
  let slash = false;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return { end: i + 1, selfClosing: slash };
    if (c === 0x2f) slash = true;
    if (isSpace(c) || c === 0x2f) {
      i += 1;
      continue;
    }
    slash = false;
    // An attribute name: its first character whatever it is (even `=` or a quote), then up to `=`,
    // whitespace, `/` or `>`.
    i += 1;
    while (i < n && html.charCodeAt(i) !== 0x3d && !endsTagSection(html.charCodeAt(i))) i += 1;
    while (i < n && isSpace(html.charCodeAt(i))) i += 1;
    if (html.charCodeAt(i) !== 0x3d) continue; // no value
    i += 1;
    while (i < n && isSpace(html.charCodeAt(i))) i += 1;
    const q = html.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      const close = html.indexOf(q === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return { end: n, selfClosing: false };
      i = close + 1;
    } else {
      // Unquoted: up to whitespace or `>`.
      while (i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3e) i += 1;
    }
  }
  return { end: n, selfClosing: false };
}

/**
 * Counts elements and the deepest nesting the way sanitize-html's parser will see them, in one
 * linear pass; stops as soon as either passes its limit. Where the two could differ it counts more,
 * never fewer: `/>` does not close a non-void element (it does not in HTML), and implied closes
 * (`<p>` after `<p>`) are not applied.
 */
export function measureDiaryShape(html: string, limits = { elements: maxDiaryElements, depth: maxDiaryDepth }): DiaryShape {
  const open: string[] = [];
  let elements = 0;
  let depth = 0;
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    const c = html.charCodeAt(i);
    if (c === 0x21) {
      // `<!--…-->` (also `<!-->`), `<![CDATA[…]]>`, else a declaration up to a `>` (not the very
      // next character: htmlparser2 consumes it first).
      const d = html.charCodeAt(i + 1);
      if (d === 0x2d && html.charCodeAt(i + 2) === 0x2d) {
        let j = i + 3;
        while (html.charCodeAt(j) === 0x2d) j += 1;
        i = html.charCodeAt(j) === 0x3e ? j + 1 : after(html, '-->', j);
      } else if (html.startsWith('[CDATA[', i + 1)) i = after(html, ']]>', i + 8);
      else i = after(html, '>', d === 0x2d ? i + 3 : i + 2);
      continue;
    }
    if (c === 0x3f) {
      i = after(html, '>', i + 1);
      continue;
    }
    if (c === 0x2f) {
      // A closing tag: `</` then whitespace is skipped; a name starts with a letter, else it is a comment up to `>`.
      let j = i + 1;
      while (j < n && isSpace(html.charCodeAt(j))) j += 1;
      if (html.charCodeAt(j) === 0x3e) {
        i = j + 1;
        continue;
      }
      if (!isAsciiAlpha(html.charCodeAt(j))) {
        i = after(html, '>', j);
        continue;
      }
      let k = j;
      while (k < n && !isSpace(html.charCodeAt(k)) && html.charCodeAt(k) !== 0x3e) k += 1;
      if (k >= n) break;
      const name = html.slice(j, k).toLowerCase();
      i = after(html, '>', k);
      // A closing tag closes the nearest open element of its name (and any left open inside it);
      // the parser makes an element of a `</br>`, and of a `</p>` with no paragraph open.
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      if (name === 'br' || (name === 'p' && at < 0)) {
        elements += 1;
        depth = Math.max(depth, open.length + 1);
        if (elements > limits.elements || depth > limits.depth) break;
      }
      continue;
    }
    if (!isAsciiAlpha(c)) continue; // a `<` in text
    let k = i;
    while (k < n && !endsTagSection(html.charCodeAt(k))) k += 1;
    if (k >= n) break; // an unfinished tag name is dropped
    const name = html.slice(i, k).toLowerCase();
    elements += 1;
    if (elements > limits.elements) break;
    const tag = readOpenTag(html, k);
    i = tag.end;
    if (voidElements.has(name)) continue;
    open.push(name);
    depth = Math.max(depth, open.length);
    if (depth > limits.depth) break;
    if (rawTextElements.has(name) && !tag.selfClosing && i < n) {
      // Text up to `</name` followed by whitespace or `>`; that closing tag is then read as usual.
      const end = new RegExp(`</${name}[ \\t\\n\\f\\r>]`, 'ig');
      end.lastIndex = i;
      const found = end.exec(html);
      if (!found) break;
      i = found.index;
    }
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
