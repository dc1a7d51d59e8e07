/** What a new space looks like, and what "restore default" brings back (shared: the client's editor offers the same defaults). */
import type { SpaceModule, SpaceTheme } from './dto.js';

export const defaultTheme: SpaceTheme = {
  background: { color: '#f3f6fb', imageUrl: null },
  colors: { accent: '#f5a623', text: '#222222', panel: '#ffffff' },
  layout: 'classic',
  transparency: 0,
};

export const defaultModules: readonly SpaceModule[] = [
  { kind: 'profile', column: 'side', order: 0, visible: true },
  { kind: 'visitors', column: 'side', order: 1, visible: true },
  { kind: 'music', column: 'side', order: 2, visible: true },
  { kind: 'games', column: 'side', order: 3, visible: true },
  { kind: 'shuoshuo', column: 'main', order: 0, visible: true },
  { kind: 'diary', column: 'main', order: 1, visible: true },
  { kind: 'albums', column: 'main', order: 2, visible: true },
  { kind: 'guestbook', column: 'main', order: 3, visible: true },
];

/** A space's title while its owner has not chosen one: from the display name, in the owner's language (≤ 40 + 8 characters). */
export const defaultTitle = (displayName: string, locale: 'en' | 'zh-CN' = 'en'): string =>
  locale === 'zh-CN' ? `${displayName}的空间` : `${displayName}'s space`;

/** Whether `title` is one of the default titles for `displayName` (in any language): such a title is not the owner's choice. */
export const isDefaultTitle = (title: string, displayName: string): boolean =>
  title === defaultTitle(displayName, 'en') || title === defaultTitle(displayName, 'zh-CN');
