/**
 * The client's two languages: English (the source strings in `msg()` calls) and Simplified Chinese
 * (client/src/i18n/zh-CN/, loaded on demand). @lit/localize in runtime mode, so one build serves both.
 *
 * Choice order: what the person picked in settings (localStorage["kongjian.locale"]), then the
 * browser's languages (any `zh` that is not explicitly traditional → zh-CN), then English.
 */
import { LOCALE_STATUS_EVENT, configureLocalization } from '@lit/localize';

export const sourceLocale = 'en';
export const targetLocales = ['zh-CN'] as const;
export type Locale = typeof sourceLocale | (typeof targetLocales)[number];
export const allLocales: readonly Locale[] = [sourceLocale, ...targetLocales];

/** Each language named in itself, for the switch in settings. */
export const localeNames: Readonly<Record<Locale, string>> = { en: 'English', 'zh-CN': '简体中文' };

export const storageKey = 'kongjian.locale';

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: () => import('./zh-CN/index.js'),
});

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (allLocales as readonly string[]).includes(value);

/** Maps one BCP 47 tag to a language we ship, or undefined. Traditional-script Chinese is not zh-CN. */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'zh' || lower.startsWith('zh-')) {
    if (/^zh-(hant|tw|hk|mo)\b/.test(lower)) return undefined;
    return 'zh-CN';
  }
  return undefined;
}

function storedLocale(): Locale | undefined {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : undefined;
  } catch {
    return undefined; // storage blocked (private mode): fall through to the browser's languages
  }
}

/** The language to start in: the saved choice, else the first of the browser's languages we ship, else English. */
export function detectLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  for (const tag of languages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return sourceLocale;
}

/** The language now shown. */
export const currentLocale = (): Locale => {
  const locale = getLocale();
  return isLocale(locale) ? locale : sourceLocale;
};

// <html lang> follows the shown language (screen readers pick their voice from it, fonts their glyphs).
window.addEventListener(LOCALE_STATUS_EVENT, (e) => {
  if (e.detail.status === 'ready') document.documentElement.lang = e.detail.readyLocale;
});

/** Shows `locale` now; `remember` keeps it as the person's choice across reloads. */
export async function useLocale(locale: Locale, { remember = false } = {}): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // storage blocked: the choice lasts this page only
    }
  }
  await setLocale(locale);
  document.documentElement.lang = locale;
}

/** Called once at start-up, before the first render, so a Chinese reader never sees an English flash. */
export async function initLocale(): Promise<Locale> {
  const locale = detectLocale();
  try {
    await useLocale(locale);
  } catch {
    await useLocale(sourceLocale); // the translation chunk failed to load: English rather than nothing
  }
  return currentLocale();
}
