/**
 * Text as a reader meets it, for screening: a URL is read with its percent-escapes decoded and its
 * host in Unicode (`https://x.example/%73cam` reads `…/scam`; `xn--…` hosts read as their letters).
 * Diaries are read with their block boundaries as line breaks (posts/sanitize-diary.ts), which the
 * matcher joins a word across (rule-set.ts).
 */
import { domainToUnicode } from 'node:url';

/** Runs of percent-escapes decoded as UTF-8 (or byte by byte where they are not UTF-8). */
function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/**
 * The URL, then what it reads as: decoded up to three times (`%2573` → `%73` → `s`: a server on the
 * way may decode again), then its host in Unicode. Nothing is fetched.
 */
export function urlAsRead(url: string): string;
export function urlAsRead(url: string | null | undefined): string | undefined;
export function urlAsRead(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let decoded = url;
  for (let round = 0; round < 3; round++) {
    const next = decodePercent(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  let host = '';
  try {
    const { hostname } = new URL(url);
    const unicode = domainToUnicode(hostname);
    if (unicode !== hostname) host = unicode;
  } catch {
    // not a URL a browser would open: screened as written and decoded
  }
  return [url, decoded, host].filter(Boolean).join('\n');
}
