/** How chat shows times and previews, in the reader's language (zh-CN: 14:05, 昨天 14:05, 12月6日 14:05). */
import { msg } from '@lit/localize';
import type { MessageDto } from '../../shared/dto.js';
import { currentLocale } from './i18n/locale.js';

const dayOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** A message time: the clock today, "yesterday" + clock, else the date and clock. */
export function messageTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const locale = currentLocale();
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  const days = Math.round((dayOf(now) - dayOf(at)) / 86_400_000);
  if (days === 0) return clock;
  if (days === 1) return `${msg('Yesterday', { id: 'chat.yesterday' })} ${clock}`;
  const sameYear = at.getFullYear() === now.getFullYear();
  const date = new Intl.DateTimeFormat(locale, sameYear ? { month: 'long', day: 'numeric' } : { dateStyle: 'medium' }).format(at);
  return `${date} ${clock}`;
}

/** One line for a message in the conversation list or a notification. */
export function messagePreview(m: MessageDto, mine: boolean): string {
  if (m.recalled)
    return mine
      ? msg('You recalled a message', { id: 'chat.recalledMine' })
      : msg('They recalled a message', { id: 'chat.recalledTheirs' });
  if (m.text) return m.text;
  if (m.photo) return msg('[Photo]', { id: 'chat.photoPreview' });
  if (m.post !== undefined) return msg('[Shared post]', { id: 'chat.postPreview' });
  return '';
}
