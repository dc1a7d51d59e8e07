/**
 * Diary HTML → a safe rich-text subset. Anything executable goes: script/style/iframe (with their
 * contents), event-handler attributes, and every URL scheme other than http(s) (and mailto for
 * links). Links open in a new tab without handing the page an opener or search-engine credit.
 * Images are the author's own photos only (`/photos/<id>`, checked by the posts service, signed per
 * viewer when shown), never another host (a tracking pixel would tell that host who read the diary),
 * and their rendered height is capped.
 */
import sanitizeHtml from 'sanitize-html';
import { urlAsRead } from '../moderation/as-read.js';

const colour = [/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/i];

const options: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'i', 'u', 's', 'strong', 'em', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'img', 'span'],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'style'],
    span: ['style'],
    p: ['style'],
  },
  allowedStyles: {
    span: { color: colour, 'background-color': colour },
    p: { 'text-align': [/^(?:left|right|center|justify)$/] },
    img: { 'max-height': [/^\d{1,3}px$/], 'max-width': [/^100%$/] },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Dropped together with their contents, not unwrapped into text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title', 'head'],
  transformTags: {
    a: (tagName, attribs) => {
      // Only these three attributes are allowed on links, so the author's rel/target are replaced.
      const href = attribs.href;
      const safe: sanitizeHtml.Attributes = href !== undefined && isAbsolute(href, ['http:', 'https:', 'mailto:']) ? { href } : {};
      return { tagName, attribs: { ...safe, rel: 'noopener nofollow ugc', target: '_blank' } };
    },
    img: (tagName, attribs) => {
      // Only the photo path is kept (a signed query expires; it is added again for each viewer), and
      // the size is the reader's: no author width/height, a capped height.
      const photo = attribs.src === undefined ? null : ownPhotoSrc.exec(attribs.src.trim());
      const kept: sanitizeHtml.Attributes = photo ? { src: `/photos/${photo[1]}` } : {};
      if (attribs.alt !== undefined) kept.alt = attribs.alt;
      if (photo) kept.style = imageStyle;
      return { tagName, attribs: kept };
    },
  },
  // An image without an (allowed) source shows nothing: drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** A hub photo (`/photos/<id>`, its `/thumb`, with or without a signed query): the id is kept. */
const ownPhotoSrc = /^\/photos\/([0-9a-f]{24})(?:\/thumb)?(?:\?[^"'<>\s]*)?$/;
/** Diary images render at most this tall (and never wider than the diary). */
export const diaryImageMaxHeightPx = 480;
const imageStyle = `max-height:${diaryImageMaxHeightPx}px;max-width:100%`;
/** The photo ids of a sanitised diary's images. */
export function diaryPhotoIds(html: string): string[] {
  return [...new Set([...html.matchAll(/<img src="\/photos\/([0-9a-f]{24})"/g)].map((m) => m[1]!))];
}

/** Relative and protocol-relative URLs are refused too: a diary links out, never into the hub. */
function isAbsolute(url: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(url.trim()).protocol);
  } catch {
    return false;
  }
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

const textOnly: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: options.nonTextTags ?? [] };

export interface SanitizedDiary {
  readonly html: string;
  /** The words a reader sees, blocks separated by spaces (for excerpts). */
  readonly plain: string;
  /**
   * The words a reader sees, one block per line, for keyword screening: a word split over
   * paragraphs, list items or `<br>` is on two lines, which the matcher joins.
   */
  readonly lines: string;
  /** What a reader meets without it being text: image alt texts and link URLs as read (screened too). */
  readonly unseen: string;
  /** The author's photos the diary shows (the posts service checks they are the author's). */
  readonly photoIds: readonly string[];
  /** True when nothing readable or visible is left. */
  readonly empty: boolean;
}

export function sanitizeDiary(input: string): SanitizedDiary {
  const html = sanitizeHtml(input, options).trim();
  // Block boundaries become line breaks so that words of adjacent paragraphs do not run together.
  const broken = html.replace(/<\/?(?:p|br|h[1-4]|li|ul|ol|blockquote)\b[^>]*>/g, '\n');
  const lines = sanitizeHtml(broken, textOnly)
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e] ?? e)
    .replace(/\u00a0/g, ' ');
  const plain = lines.replace(/\s+/g, ' ').trim();
  const unseen = [...html.matchAll(/<(?:img[^>]*\salt|a[^>]*\s(href))="([^"]*)"/g)]
    .map(([, href, raw]) => {
      const value = raw!.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e] ?? e);
      return href ? urlAsRead(value) : value;
    })
    .join('\n');
  return { html, plain, lines, unseen, photoIds: diaryPhotoIds(html), empty: plain.length === 0 && !/<img\s/i.test(html) };
}
