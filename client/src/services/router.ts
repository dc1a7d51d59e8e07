/** History-API routing: a path becomes a named route with parameters; links navigate without reload. */

export type Route =
  | { readonly name: 'feed' }
  | { readonly name: 'space'; readonly handle: string; readonly section?: 'guestbook' }
  | { readonly name: 'albums'; readonly handle: string }
  | { readonly name: 'album'; readonly handle: string; readonly albumId: string }
  | { readonly name: 'post'; readonly postId: string }
  | { readonly name: 'invite'; readonly inviteId: string }
  | { readonly name: 'notification-settings' }
  | { readonly name: 'notifications' }
  | { readonly name: 'games' }
  | { readonly name: 'match'; readonly matchId: string }
  | { readonly name: 'settings' }
  | { readonly name: 'moderation' }
  | { readonly name: 'chat'; readonly handle?: string }
  | { readonly name: 'not-found' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (parts.length === 0) return { name: 'feed' };
  if (first === 'space' && second && parts.length === 2) return { name: 'space', handle: second };
  // A space opened at its guestbook (where a guestbook notification leads).
  if (first === 'space' && second && parts.length === 3 && parts[2] === 'guestbook')
    return { name: 'space', handle: second, section: 'guestbook' };
  if (first === 'space' && second && parts.length === 3 && parts[2] === 'albums') return { name: 'albums', handle: second };
  if (first === 'space' && second && parts.length === 4 && parts[2] === 'albums' && parts[3]) {
    return { name: 'album', handle: second, albumId: parts[3] };
  }
  if (first === 'post' && second && parts.length === 2) return { name: 'post', postId: second };
  if (first === 'invites' && second && parts.length === 2) return { name: 'invite', inviteId: second };
  if (first === 'notifications' && second === 'settings' && parts.length === 2) return { name: 'notification-settings' };
  if (first === 'games' && second && parts.length === 2) return { name: 'match', matchId: second };
  if (first === 'chat' && parts.length <= 2) return second ? { name: 'chat', handle: second } : { name: 'chat' };
  if (parts.length === 1 && (first === 'notifications' || first === 'games' || first === 'settings' || first === 'moderation')) {
    return { name: first };
  }
  return { name: 'not-found' };
}

class Router extends EventTarget {
  route: Route = parseRoute(location.pathname);

  constructor() {
    super();
    window.addEventListener('popstate', () => this.update());
    // Links anywhere, including inside shadow roots, navigate in-app when they point inside it.
    document.addEventListener('click', (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
      if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
      e.preventDefault();
      this.go(anchor.pathname + anchor.search);
    });
  }

  go(path: string): void {
    if (path === location.pathname + location.search) return;
    history.pushState(null, '', path);
    this.update();
    window.scrollTo(0, 0);
  }

  private update(): void {
    this.route = parseRoute(location.pathname);
    this.dispatchEvent(new Event('change'));
  }
}

export const router = new Router();
