/**
 * Diary HTML → a safe rich-text subset. Anything executable goes: script/style/iframe (with their
 * contents), event-handler attributes, and every URL scheme other than http(s) (and mailto for
 * links). Links open in a new tab without handing the page an opener or search-engine credit.
 */
import sanitizeHtml from 'sanitize-html';

const colour = [/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/i];

const options: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'i', 'u', 's', 'strong', 'em', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'img', 'span'],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    span: ['style'],
    p: ['style'],
  },
  allowedStyles: {
    span: { color: colour, 'background-color': colour },
    p: { 'text-align': [/^(?:left|right|center|justify)$/] },
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
      const { src, ...rest } = attribs;
      return { tagName, attribs: src !== undefined && isAbsolute(src, ['http:', 'https:']) ? { ...rest, src } : rest };
    },
  },
  // An image without an (allowed) source shows nothing: drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

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
  /** The words a reader sees (for keyword screening and excerpts). */
  readonly plain: string;
  /** True when nothing readable or visible is left. */
  readonly empty: boolean;
}

export function sanitizeDiary(input: string): SanitizedDiary {
  const html = sanitizeHtml(input, options).trim();
  // Block boundaries become spaces so that words of adjacent paragraphs do not run together.
  const spaced = html.replace(/<\/?(?:p|br|h[1-4]|li|ul|ol|blockquote)\b[^>]*>/g, ' ');
  const plain = sanitizeHtml(spaced, textOnly)
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => entities[e] ?? e)
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { html, plain, empty: plain.length === 0 && !/<img\s/i.test(html) };
}
