/**
 * What user search matches against: the handle and the display name, lowercased and width-folded
 * (NFKC), plus each later word of the name, so "Li Wei" is found by "wei". A prefix query is then
 * one range scan of the multikey index on `searchKeys` — `{ $gte: q, $lt: q + '\uffff' }` — never a
 * regular expression built from what the user typed.
 */

/** The form both keys and queries are compared in. */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .trim();
}

export function searchKeysOf(handle: string, displayName: string): string[] {
  const name = foldForSearch(displayName);
  const words = name.split(/\s+/).filter(Boolean);
  return [...new Set([foldForSearch(handle), name, ...words.slice(1)].filter((k) => k.length > 0))];
}

/** The range that holds every key starting with `prefix` (already folded). */
export function prefixRange(prefix: string): { $gte: string; $lt: string } {
  return { $gte: prefix, $lt: `${prefix}\uffff` };
}
