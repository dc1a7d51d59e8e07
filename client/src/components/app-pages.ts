/** Which page each route shows in the app shell's main, given what the route names (a handle, an id). */
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { Route } from '../services/router.js';
import './kj-album-page.js';
import './kj-albums-page.js';
import './kj-chat-page.js';
import './kj-feed-page.js';
import './kj-games-page.js';
import './kj-invite-page.js';
import './kj-match-page.js';
import './kj-moderation-page.js';
import './kj-notification-settings.js';
import './kj-notifications-page.js';
import './kj-post-page.js';
import './kj-settings-page.js';
import './kj-space-page.js';

type PageOf<R extends Route> = (route: R) => TemplateResult;

const pages: { readonly [N in Route['name']]: PageOf<Extract<Route, { name: N }>> } = {
  feed: () => html`<kj-feed-page></kj-feed-page>`,
  space: (r) => html`<kj-space-page .handle=${r.handle} .section=${r.section ?? ''}></kj-space-page>`,
  albums: (r) => html`<kj-albums-page .handle=${r.handle}></kj-albums-page>`,
  album: (r) => html`<kj-album-page .handle=${r.handle} .albumId=${r.albumId}></kj-album-page>`,
  post: (r) => html`<kj-post-page .postId=${r.postId}></kj-post-page>`,
  invite: (r) => html`<kj-invite-page .inviteId=${r.inviteId}></kj-invite-page>`,
  'notification-settings': () => html`<kj-notification-settings></kj-notification-settings>`,
  notifications: () => html`<kj-notifications-page></kj-notifications-page>`,
  games: () => html`<kj-games-page></kj-games-page>`,
  match: (r) => html`<kj-match-page .matchId=${r.matchId}></kj-match-page>`,
  settings: () => html`<kj-settings-page></kj-settings-page>`,
  moderation: () => html`<kj-moderation-page></kj-moderation-page>`,
  chat: (r) => html`<kj-chat-page .handle=${r.handle ?? ''}></kj-chat-page>`,
  'not-found': () => html`<div class="card">
    <h1>${msg('Nothing here', { id: 'app.notFoundTitle' })}</h1>
    <p>${msg('This page does not exist.', { id: 'app.notFoundBody' })}</p>
    <a class="button" href="/">${msg('Back to the feed', { id: 'app.backToFeed' })}</a>
  </div>`,
};

/** The page for `route`. */
export function routedPage(route: Route): TemplateResult {
  // The table pairs each name with its own route shape; TypeScript cannot follow that through `route.name`.
  const page = pages[route.name] as PageOf<Route>;
  return page(route);
}
