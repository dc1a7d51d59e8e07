import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { NotificationDto } from '../../../shared/dto.js';
import { PendingRequests } from '../controllers/pending-requests.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { timeAgo } from '../format.js';
import { notifications } from '../services/notifications.js';
import { formatNumber, plural } from '../i18n/format.js';
import { currentLocale } from '../i18n/locale.js';
import { readReason } from '../report-reasons.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-request-answer.js';

export function describe(n: NotificationDto): string {
  const who = n.actor?.displayName ?? msg('Someone', { id: 'notif.someone' });
  const about = n.subject.excerpt ? `${msg(': ', { id: 'common.colon' })}“${n.subject.excerpt}”` : '';
  switch (n.kind) {
    case 'comment':
      return msg(str`${who} commented on your post`, { id: 'notif.comment' }) + about;
    case 'reply':
      return msg(str`${who} replied to your comment`, { id: 'notif.reply' }) + about;
    case 'like': {
      const others = (n.subject.count ?? 1) - 1;
      if (others < 1) return msg(str`${who} liked your post`, { id: 'notif.like' }) + about;
      const count = formatNumber(others);
      return (
        plural(others, {
          one: () => msg(str`${who} and ${count} other liked your post`, { id: 'notif.likeOther' }),
          other: () => msg(str`${who} and ${count} others liked your post`, { id: 'notif.likeOthers' }),
        }) + about
      );
    }
    case 'friend_request':
      return msg(str`${who} wants to be your friend`, { id: 'notif.friendRequest' });
    case 'friend_accept':
      return msg(str`${who} accepted your friend request`, { id: 'notif.friendAccept' });
    case 'guestbook':
      return msg(str`${who} left a message in your guestbook`, { id: 'notif.guestbook' }) + about;
    case 'invite':
      return msg(str`${who} invited you to a game`, { id: 'notif.invite' });
    case 'mention':
      return msg(str`${who} mentioned you`, { id: 'notif.mention' }) + about;
    case 'repost':
      return msg(str`${who} reposted your post`, { id: 'notif.repost' }) + about;
    case 'report':
      return msg(str`${who} reported something for moderators to look at`, { id: 'notif.report' }) + reportReason(n.subject.excerpt);
    case 'approved':
      // v1.2 评论审核: the post's owner approved your comment (a moderator's approval has no actor).
      if (n.subject.type === 'comment')
        return (
          (n.actor
            ? msg(str`${who} approved your comment`, { id: 'notif.approvedCommentByOwner' })
            : msg('A moderator approved your comment', { id: 'notif.approvedComment' })) + about
        );
      // v1.2 留言审核: the space's owner approved your guestbook message.
      if (n.subject.type === 'guestbook') return msg(str`${who} approved your guestbook message`, { id: 'notif.approvedEntry' }) + about;
      return msg('A moderator approved your post', { id: 'notif.approved' }) + about;
    case 'care':
      return msg(str`Special care: ${who} posted something new`, { id: 'notif.care' }) + about;
    case 'moderation':
      // the hub's detail is English (it is written for logs too); other languages get a plain summary
      return `${msg('Moderation', { id: 'nav.moderation' })}${msg(': ', { id: 'common.colon' })}${
        n.subject.detail && currentLocale() === 'en'
          ? n.subject.detail
          : msg('a decision about your post', { id: 'notif.moderationDecision' })
      }${about}`;
  }
}

/** Where a notification leads: the post, the guestbook, the invite, the match or the person. */
export function linkFor(n: NotificationDto, me: string | undefined): string {
  if (n.subject.type === 'match') return `/games/${n.subject.id}`;
  if (n.subject.type === 'post') return `/post/${n.subject.id}`;
  // v1.1: a mention in a comment names its post, one in a guestbook entry names the space's handle.
  if (n.subject.type === 'comment' && n.subject.parentId) return `/post/${n.subject.parentId}`;
  if (n.subject.type === 'guestbook' && n.subject.parentId) return `/space/${n.subject.parentId}/guestbook`;
  if (n.kind === 'guestbook') return me ? `/space/${me}/guestbook` : '/';
  if (n.kind === 'invite' || n.subject.type === 'invite') return `/invites/${n.subject.id}`;
  if (n.kind === 'friend_request' || n.kind === 'friend_accept') return n.actor ? `/space/${n.actor.handle}` : '/';
  return '/';
}

/** Everything that happened to you, newest first; opening the page marks it read everywhere. */
/** A report's reason as the excerpt carries it ("spam: …"), with the reason's label in the reader's language. */
function reportReason(excerpt: string | undefined): string {
  if (!excerpt) return '';
  const { label, details } = readReason(excerpt);
  return `${msg(': ', { id: 'common.colon' })}${[label, details && `“${details}”`].filter(Boolean).join(' ')}`;
}

@localized()
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
      <div class="row spread"><h1 id="n-title">${msg('Notifications', { id: 'notif.title' })}</h1><a href="/notifications/settings" data-testid="notification-settings">${msg('Choose what to hear about', { id: 'notifSettings.link' })}</a></div>
      <ul class="plain" aria-live="polite">
        ${items.map(
          (n) => html`<li class=${n.read ? '' : 'unread'} data-seq=${n.seq}>
            <kj-avatar .user=${n.actor} size="36"></kj-avatar>
            <a href=${linkFor(n, this.session.me?.handle)}>${describe(n)}</a>
            ${
              n.kind === 'friend_request'
                ? html`<kj-request-answer .request=${this.requests.pending(n.subject.id)} outcome=${this.requests.outcome(n.subject.id)}
                  @request-answered=${(e: CustomEvent<{ requestId: string; verb: 'accept' | 'decline' }>) => this.requests.answer(e.detail.requestId, e.detail.verb)}></kj-request-answer>`
                : null
            }
            <time class="muted" datetime=${n.createdAt}>${timeAgo(n.createdAt)}</time>
          </li>`,
        )}
      </ul>
      ${items.length === 0 ? html`<p class="muted">${msg('Nothing yet. Likes, comments and invites will show up here.', { id: 'notif.none' })}</p>` : null}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-notifications-page': KjNotificationsPage;
  }
}
