/**
 * What a preview shows, read from a page's HTML with htmlparser2 (a streaming tokenizer: no DOM, no
 * scripts): og:title (else <title>), og:description (else the description meta), og:image resolved
 * against the page's URL (http(s) only).
 */
import { Parser } from 'htmlparser2';

export interface PageMeta {
  readonly title?: string;
  readonly description?: string;
  readonly image?: string;
}

const clean = (s: string | undefined, max: number) => {
  const flat = s?.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function readPageMeta(html: string, pageUrl: string): PageMeta {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title') inTitle = true;
        if (name !== 'meta') return;
        const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
        if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
      },
      ontext(text) {
        if (inTitle && title.length < 1000) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  let image: string | undefined;
  try {
    const raw = meta.get('og:image');
    const url = raw ? new URL(raw, pageUrl) : undefined;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) image = url.href;
  } catch {
    image = undefined;
  }
  const out = {
    title: clean(meta.get('og:title') ?? title, 200),
    description: clean(meta.get('og:description') ?? meta.get('description'), 300),
    image,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
