/** Web addresses in running text: what the client links and the hub previews (contract v1.2). */

/** An http(s) address in running text; trailing punctuation (Latin or Chinese) is left out of it. */
export const webAddress =
  /https?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+[^\s<>"'.,;:!?)\]}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/gi;

/** The web addresses of `text` that parse as http(s) URLs, with where each starts. */
export function* webAddresses(text: string): Generator<{ readonly index: number; readonly raw: string; readonly href: string }> {
  for (const m of text.matchAll(webAddress)) {
    try {
      const url = new URL(m[0]);
      if (url.protocol === 'http:' || url.protocol === 'https:') yield { index: m.index, raw: m[0], href: url.href };
    } catch {
      // Not a URL after all: left as text.
    }
  }
}

/** The first web address of `text`, or undefined. */
export function firstWebAddress(text: string): string | undefined {
  for (const found of webAddresses(text)) return found.href;
  return undefined;
}
