import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { FriendRequestDto, UserDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { StoreController } from '../controllers/store-controller.js';
import { api } from '../services/api.js';
import { care } from '../services/care.js';
import { presence } from '../services/presence.js';
import { formatList } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import { StatusLine } from '../controllers/status-line.js';
import { formText } from '../form-text.js';
import './kj-avatar.js';
import './kj-message-button.js';
import './kj-care-button.js';
import './kj-group-menu.js';

/** Friends with live presence dots, friend requests to answer, and a box to add a friend by handle. */
@localized()
@customElement('kj-friends-panel')
export class KjFriendsPanel extends LitElement {
  static override styles = [
    shared,
    css`
      /* The name keeps room of its own; the buttons wrap below it in a narrow panel. */
      li { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 6px 0; }
      li .name { flex: 1 1 6em; min-width: 6em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      li .danger { min-height: 0; padding: 2px 8px; font-size: 0.8rem; }
      h3 { font-size: 0.9rem; margin: 12px 0 4px; color: var(--kj-muted); }
      form { display: flex; gap: 6px; margin-top: 10px; }
      form button { white-space: nowrap; }
      .message { margin: 8px 0 0; font-size: 0.88rem; }
    `,
  ];

  @state() private friends: UserDto[] = [];
  @state() private incoming: FriendRequestDto[] = [];
  @state() private outgoing: FriendRequestDto[] = [];
  private readonly status = new StatusLine(this);
  private readonly presence = new StoreController(this, presence);
  private readonly care = new StoreController(this, care);
  private readonly loads = new FetchScope(this, { read: () => this.load(), catchUp: true });

  constructor() {
    super();
    new LiveEvents(this)
      .on('notification', ({ notification }) => {
        if (notification.kind === 'friend_request' || notification.kind === 'friend_accept') void this.load();
      })
      .on('friend:change', () => void this.load())
      // A friend's new name shows at once; a friend who deleted their account or blocked you goes.
      .on('user:updated', ({ user }) => (this.friends = this.friends.map((f) => (f.id === user.id ? user : f))))
      .on('user:gone', ({ userId }) => (this.friends = this.friends.filter((f) => f.id !== userId)));
  }

  override render() {
    const online = (u: UserDto) => this.presence.store.isOnline(u.id);
    const sorted = [...this.friends].sort((a, b) => Number(online(b)) - Number(online(a)) || a.displayName.localeCompare(b.displayName));
    return html`<section class="card" aria-labelledby="friends-title">
      <h2 id="friends-title">${msg('Friends', { id: 'friends.title' })}</h2>
      ${
        this.incoming.length
          ? html`<h3>${msg('Requests', { id: 'friends.requests' })}</h3>
            <ul class="plain">${this.incoming.map(
              (r) => html`<li data-request-id=${r.id}>
                <kj-avatar .user=${r.from} size="32"></kj-avatar>
                <a class="name" href=${`/space/${r.from.handle}`}>${r.from.displayName}</a>
                <button class="primary" @click=${() => this.answer(r, 'accept')} aria-label=${msg(str`Accept ${r.from.displayName}`, { id: 'friends.acceptName' })}>${msg('Accept', { id: 'common.accept' })}</button>
                <button @click=${() => this.answer(r, 'decline')} aria-label=${msg(str`Decline ${r.from.displayName}`, { id: 'friends.declineName' })}>✕</button>
              </li>`,
            )}</ul>`
          : null
      }
      <ul class="plain" aria-label=${msg('Your friends', { id: 'friends.yours' })}>
        ${sorted.map(
          (f) => html`<li data-friend=${f.handle}>
            <kj-avatar .user=${f} size="32" .online=${online(f)}></kj-avatar>
            <a class="name" href=${`/space/${f.handle}`}>${f.displayName}</a>
            <span class="muted">${online(f) ? msg('online', { id: 'presence.online' }) : ''}</span>
            <kj-care-button .handle=${f.handle} .name=${f.displayName} ?cared=${this.care.store.has(f.id)}
              @care-change=${(e: CustomEvent<{ cared: boolean }>) => care.marked(f, e.detail.cared)}></kj-care-button>
            <kj-message-button friend .handle=${f.handle} .name=${f.displayName}></kj-message-button>
            <kj-group-menu .handle=${f.handle} .name=${f.displayName}></kj-group-menu>
            <button class="ghost danger" @click=${() => this.unfriend(f)} aria-label=${msg(str`Unfriend ${f.displayName}`, { id: 'friendsPanel.unfriendName' })}>${msg('Unfriend', { id: 'friendsPanel.unfriend' })}</button>
          </li>`,
        )}
      </ul>
      ${this.friends.length === 0 ? html`<p class="muted">${msg('No friends yet. Add one by their handle.', { id: 'friends.none' })}</p>` : null}
      ${this.outgoing.length ? html`<p class="muted">${msg('Waiting for:', { id: 'friends.waiting' })} ${formatList(this.outgoing.map((r) => `@${r.to.handle}`))}</p>` : null}
      <form @submit=${this.request}>
        <label class="sr-only" for="add-friend">${msg("Friend's handle", { id: 'friends.handle' })}</label>
        <input id="add-friend" name="handle" placeholder=${msg('Add a friend by handle', { id: 'friends.addPlaceholder' })} autocomplete="off" />
        <button type="submit">${msg('Add', { id: 'friends.add' })}</button>
      </form>
      ${this.status.render('message')}
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        const [{ friends }, requests] = await Promise.all([
          api.call('GET /friends', { signal }),
          api.call('GET /friends/requests', { signal }),
          care.load(true), // v1.2 特别关心: the stars (shared with the feed's, services/care.ts)
        ]);
        this.friends = friends;
        this.incoming = requests.incoming.filter((r) => r.status === 'pending');
        this.outgoing = requests.outgoing.filter((r) => r.status === 'pending');
      },
      (message) => this.status.show(message),
    );
  }

  private async request(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const to = formText(new FormData(form), 'handle').trim().replace(/^@/, '').toLowerCase();
    if (!to) return;
    await this.status.run(async () => {
      await api.call('POST /friends/requests', { body: { to } });
      this.status.show(msg(str`Request sent to @${to}.`, { id: 'friends.sent' }));
      form.reset();
      await this.load();
    });
  }

  /** Ends a friendship after asking; both lists drop it live (`friend:change`). */
  private async unfriend(friend: UserDto): Promise<void> {
    const question = msg(str`Unfriend ${friend.displayName}? You will stop seeing each other's friends-only posts.`, {
      id: 'friendsPanel.unfriendConfirm',
    });
    if (!confirm(question)) return;
    await this.status.run(async () => {
      await api.call('DELETE /friends/:handle', { params: { handle: friend.handle } });
      this.friends = this.friends.filter((f) => f.id !== friend.id);
      this.status.show(msg(str`You and ${friend.displayName} are no longer friends.`, { id: 'friendsPanel.unfriended' }));
    });
  }

  private async answer(r: FriendRequestDto, verb: 'accept' | 'decline'): Promise<void> {
    await this.status.run(async () => {
      await api.call(`POST /friends/requests/:id/${verb}`, { params: { id: r.id } });
      await this.load();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-friends-panel': KjFriendsPanel;
  }
}
