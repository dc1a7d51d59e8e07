import { msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { NotificationDto } from '../../../shared/dto.js';
import { PendingRequests } from '../controllers/pending-requests.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { timeAgo } from '../format.js';
import { notifications } from '../services/notifications.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-request-answer.js';

function describe(n: NotificationDto): string {
  const who = n.actor?.displayName ?? 'Someone';
  const about = n.subject.excerpt ? `: “${n.subject.excerpt}”` : '';
  switch (n.kind) {
    case 'comment':
      return `${who} commented on your post${about}`;
    case 'reply':
      return `${who} replied to your comment${about}`;
    case 'like':
      return n.subject.count && n.subject.count > 1 ? `${who} and ${n.subject.count - 1} others liked your post${about}` : `${who} liked your post${about}`;
    case 'friend_request':
      return `${who} wants to be your friend`;
    case 'friend_accept':
      return `${who} accepted your friend request`;
    case 'guestbook':
      return `${who} left a message in your guestbook${about}`;
    case 'invite':
      return `${who} invited you to a game`;
    case 'moderation':
      return `Moderation: ${n.subject.detail ?? 'a decision about your post'}${about}`;
  }
}

/** Where a notification leads: the post, the guestbook, the invite, the match or the person. */
function linkFor(n: NotificationDto, me: string | undefined): string {
  if (n.subject.type === 'match') return `/games/${n.subject.id}`;
  if (n.subject.type === 'post') return `/post/${n.subject.id}`;
  if (n.kind === 'guestbook') return me ? `/space/${me}/guestbook` : '/';
  if (n.kind === 'invite' || n.subject.type === 'invite') return `/invites/${n.subject.id}`;
  if (n.kind === 'friend_request' || n.kind === 'friend_accept') return n.actor ? `/space/${n.actor.handle}` : '/';
  return '/';
}

/** Everything that happened to you, newest first; opening the page marks it read everywhere. */
@customElement('kj-notifications-page')
export class KjNotificationsPage extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: flex; gap: 12px; align-items: center; padding: 10px 4px; border-bottom: 1px solid var(--kj-line); }
      li.unread { background: var(--kj-accent-soft); border-radius: 8px; }
      li > a { flex: 1; min-width: 0; color: var(--kj-text); overflow-wrap: anywhere; }
      h1 { margin: 0 0 12px; font-size: 1.3rem; }
    `,
  ];

  private readonly store = new StoreController(this, notifications);
  private readonly session = new SessionController(this);
  private readonly requests = new PendingRequests(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void notifications.markAllRead();
  }

  override updated(): void {
    // New ones arriving while the page is open count as seen.
    if (notifications.unread > 0) void notifications.markAllRead();
  }

  override render() {
    const items = this.store.store.items;
    return html`<section class="card" aria-labelledby="n-title">
      <div class="row spread"><h1 id="n-title">Notifications</h1><a href="/notifications/settings" data-testid="notification-settings">${msg('Choose what to hear about', { id: 'notifSettings.link' })}</a></div>
      <ul class="plain" aria-live="polite">
        ${items.map(
          (n) => html`<li class=${n.read ? '' : 'unread'} data-seq=${n.seq}>
            <kj-avatar .user=${n.actor} size="36"></kj-avatar>
            <a href=${linkFor(n, this.session.me?.handle)}>${describe(n)}</a>
            ${n.kind === 'friend_request'
              ? html`<kj-request-answer .request=${this.requests.pending(n.subject.id)} outcome=${this.requests.outcome(n.subject.id)}
                  @request-answered=${(e: CustomEvent<{ requestId: string; verb: 'accept' | 'decline' }>) => this.requests.answer(e.detail.requestId, e.detail.verb)}></kj-request-answer>`
              : null}
            <time class="muted" datetime=${n.createdAt}>${timeAgo(n.createdAt)}</time>
          </li>`,
        )}
      </ul>
      ${items.length === 0 ? html`<p class="muted">Nothing yet. Likes, comments and invites will show up here.</p>` : null}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-notifications-page': KjNotificationsPage;
  }
}
