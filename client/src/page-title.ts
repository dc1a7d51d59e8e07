import { msg } from '@lit/localize';
import type { Route } from './services/router.js';

/** The page's name for the browser tab and history, in the current language (a space's page names itself once loaded). */
export function pageName(route: Route | null): string {
  if (!route) return msg('Sign in', { id: 'title.signIn' });
  switch (route.name) {
    case 'feed':
      return msg('Friends’ feed', { id: 'title.feed' });
    case 'space':
      return route.section === 'guestbook' ? msg('Guestbook', { id: 'title.guestbook' }) : `@${route.handle}`;
    case 'albums':
    case 'album':
      return msg('Albums', { id: 'title.albums' });
    case 'post':
      return msg('Post', { id: 'title.post' });
    case 'invite':
      return msg('Game invite', { id: 'title.invite' });
    case 'notification-settings':
      return msg('Notification settings', { id: 'title.notificationSettings' });
    case 'notifications':
      return msg('Notifications', { id: 'title.notifications' });
    case 'games':
      return msg('Games', { id: 'title.games' });
    case 'match':
      return msg('Gomoku match', { id: 'title.match' });
    case 'settings':
      return msg('Settings', { id: 'title.settings' });
    case 'moderation':
      return msg('Moderation', { id: 'title.moderation' });
    case 'chat':
      return route.handle ? `${msg('Messages', { id: 'title.chat' })} · @${route.handle}` : msg('Messages', { id: 'title.chat' });
    case 'not-found':
      return msg('Nothing here', { id: 'title.notFound' });
  }
}

/** `<page> · 空间 Kongjian`, the hub's name kept in both scripts so a tab is recognisable in either language. */
export function documentTitle(route: Route | null): string {
  return `${pageName(route)} · 空间 Kongjian`;
}
