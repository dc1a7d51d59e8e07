import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { NotificationKind } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { SessionController } from '../controllers/session-controller.js';
import { api, errorText } from '../services/api.js';
import { shared } from '../styles/shared.js';

/** The kinds a person may mute, in the order they matter to most people. */
const kinds: readonly NotificationKind[] = [
  'comment',
  'reply',
  'like',
  'mention',
  'repost',
  'friend_request',
  'friend_accept',
  'guestbook',
  'invite',
  'moderation',
  'approved',
  'care',
];

function label(kind: NotificationKind): string {
  switch (kind) {
    case 'comment':
      return msg('Comments on my posts', { id: 'notifSettings.comment' });
    case 'reply':
      return msg('Replies to my comments', { id: 'notifSettings.reply' });
    case 'like':
      return msg('Likes', { id: 'notifSettings.like' });
    case 'friend_request':
      return msg('Friend requests', { id: 'notifSettings.friendRequest' });
    case 'friend_accept':
      return msg('Accepted friend requests', { id: 'notifSettings.friendAccept' });
    case 'guestbook':
      return msg('Guestbook messages', { id: 'notifSettings.guestbook' });
    case 'invite':
      return msg('Game invites', { id: 'notifSettings.invite' });
    case 'moderation':
      return msg('Moderation decisions', { id: 'notifSettings.moderation' });
    case 'mention':
      return msg('Mentions of me', { id: 'notifSettings.mention' });
    case 'repost':
      return msg('Reposts of my posts', { id: 'notifSettings.repost' });
    case 'approved':
      return msg('My held posts approved', { id: 'notifSettings.approved' });
    case 'report':
      return msg('New reports (moderators)', { id: 'notifSettings.report' });
    case 'care':
      return msg('New posts by friends I care for specially', { id: 'notifSettings.care' });
    default:
      return kind;
  }
}

/** `/notifications/settings`: one switch per kind; a muted kind is neither stored nor pushed. */
@localized()
@customElement('kj-notification-settings')
export class KjNotificationSettings extends LitElement {
  static override styles = [
    shared,
    css`
      h1 { margin: 0 0 8px; font-size: 1.3rem; }
      li label { display: flex; gap: 10px; align-items: center; font-weight: 400; padding: 8px 0; border-bottom: 1px solid var(--kj-line); margin: 0; }
      input[type='checkbox'] { width: 18px; height: 18px; }
    `,
  ];

  @state() private muted: ReadonlySet<NotificationKind> | null = null;
  @state() private busy = false;
  @state() private message = '';
  @state() private failed = false;
  private readonly loads = new FetchScope(this, { read: () => this.load() });
  private readonly session = new SessionController(this);

  override render() {
    return html`<section class="card" aria-labelledby="ns-title">
      <p><a href="/notifications">${msg('← Notifications', { id: 'notifSettings.back' })}</a></p>
      <h1 id="ns-title">${msg('What to hear about', { id: 'notifSettings.title' })}</h1>
      <p class="muted">${msg('Unticked kinds are muted: they are not kept and do not ring the bell.', { id: 'notifSettings.help' })}</p>
      ${
        this.muted
          ? html`<ul class="plain">${[...kinds, ...(this.session.me?.role === 'moderator' ? (['report'] as const) : [])].map(
              (k) => html`<li><label>
            <input type="checkbox" name=${k} .checked=${!this.muted?.has(k)} ?disabled=${this.busy} @change=${(e: Event) => this.toggle(k, (e.target as HTMLInputElement).checked)} />
            ${label(k)}</label></li>`,
            )}</ul>`
          : html`<p class="muted" role="status">${msg('Loading…', { id: 'notifSettings.loading' })}</p>`
      }
      ${this.message ? html`<p class="notice ${this.failed ? 'error' : ''}" role="status">${this.message}</p>` : null}
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        const { muted } = await api.call('GET /notifications/settings', { signal });
        this.muted = new Set(muted);
      },
      (message) => this.show(message, true),
    );
  }

  /** Saves at once: a switch that did not save goes back to where it was. */
  private async toggle(kind: NotificationKind, hear: boolean): Promise<void> {
    const before = this.muted ?? new Set<NotificationKind>();
    const next = new Set(before);
    if (hear) next.delete(kind);
    else next.add(kind);
    this.muted = next;
    this.busy = true;
    try {
      const { muted } = await api.call('PUT /notifications/settings', { body: { muted: [...next] } });
      this.muted = new Set(muted);
      this.show(msg('Saved.', { id: 'notifSettings.saved' }), false);
    } catch (err) {
      this.muted = before;
      this.show(errorText(err), true);
    } finally {
      this.busy = false;
    }
  }

  private show(message: string, failed: boolean): void {
    this.message = message;
    this.failed = failed;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-notification-settings': KjNotificationSettings;
  }
}
