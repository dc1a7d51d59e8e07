/**
 * Dates, relative times, numbers and plurals in the shown language (Intl, keyed by the current locale).
 * Formatters are cached per locale; they are not cheap to build and views call these on every render.
 */
import { msg } from '@lit/localize';
import { currentLocale } from './locale.js';

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: (locale: string) => T): T {
  const locale = currentLocale();
  const full = `${locale}|${key}`;
  let value = cache.get(full) as T | undefined;
  if (value === undefined) {
    value = make(locale);
    cache.set(full, value);
  }
  return value;
}

const relative = () => cached('rtf', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));

/** "2 minutes ago" / "2分钟前", "yesterday" / "昨天", or a date for things older than a week. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return msg('just now', { id: 'time.justNow' });
  if (abs < 3600) return relative().format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative().format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative().format(Math.round(seconds / 86_400), 'day');
  return formatDate(iso);
}

/** A calendar date: "Mar 5, 2026" / "2026年3月5日". */
export function formatDate(iso: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const key = `date:${JSON.stringify(options)}`;
  return cached(key, (l) => new Intl.DateTimeFormat(l, options)).format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** A date with its time: "Mar 5, 2026, 14:03" / "2026年3月5日 14:03". */
export const formatDateTime = (iso: string | Date): string => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });

/** A count with the language's grouping: 12,345 / 12,345; `compact` gives 1.2K / 1.2万. */
export function formatNumber(n: number, { compact = false } = {}): string {
  return cached(
    compact ? 'num:compact' : 'num',
    (l) => new Intl.NumberFormat(l, compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
  ).format(n);
}

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, () => string>> & { other: () => string };

/**
 * Picks the plural form of `n` for the shown language (Intl.PluralRules): English has one/other, Chinese
 * only other. Forms are functions so only the chosen `msg()` is looked up:
 * `plural(n, { one: () => msg('1 comment', …), other: () => msg(str`${formatNumber(n)} comments`, …) })`.
 */
export function plural(n: number, forms: PluralForms): string {
  const rule = cached('plural', (l) => new Intl.PluralRules(l)).select(n);
  return (forms[rule] ?? forms.other)();
}

/** A list joined the language's way: "A, B and C" / "A、B和C". */
export function formatList(items: readonly string[]): string {
  return cached('list', (l) => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' })).format(items);
}
