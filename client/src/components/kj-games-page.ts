import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { GameDto, InviteDto, UserDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { StoreController } from '../controllers/store-controller.js';
import { api, isAbort } from '../services/api.js';
import { presence } from '../services/presence.js';
import { formatNumber } from '../i18n/format.js';
import { shared } from '../styles/shared.js';
import { StatusLine } from '../controllers/status-line.js';
import './kj-avatar.js';
import './kj-pending-invites.js';
import { gameName } from './kj-invites.js';

/** The game room: invite an online friend to Gomoku; an accepted invite opens the match. */
@localized()
@customElement('kj-games-page')
export class KjGamesPage extends LitElement {
  static override styles = [
    shared,
    css`
      .hero { background: linear-gradient(135deg, #fff4e6, #ffe8cc); }
      .hero h1 { margin: 0; font-size: 1.4rem; }
      li { display: flex; align-items: center; gap: 10px; padding: 8px 0; border-bottom: 1px solid var(--kj-line); }
      li .name { flex: 1; min-width: 0; }
      .stack { display: flex; flex-direction: column; gap: 16px; }
    `,
  ];

  @state() private games: GameDto[] = [];
  @state() private friends: UserDto[] = [];
  @state() private sent = new Map<string, InviteDto>();
  private readonly status = new StatusLine(this);
  private readonly presence = new StoreController(this, presence);
  private readonly loads = new FetchScope(this, { read: () => this.load(), catchUp: true });

  constructor() {
    super();
    new LiveEvents(this)
      .on('invite', ({ invite }) => {
        if (!this.sent.has(invite.to.id)) return;
        this.sent = new Map(this.sent).set(invite.to.id, invite);
      })
      // A friendship made or ended anywhere: the list of friends to invite follows at once.
      .on('friend:change', () => void this.load());
  }

  override render() {
    const online = (u: UserDto) => this.presence.store.isOnline(u.id);
    const friends = [...this.friends].sort((a, b) => Number(online(b)) - Number(online(a)));
    return html`<div class="stack">
      <section class="card hero">
        <h1>${msg('Games', { id: 'nav.games' })}</h1>
        <p class="muted">${this.games.map((g) => `${gameName(g.id)} — ${msg(str`${formatNumber(g.players)} players`, { id: 'games.players' })}`).join(' · ') || gameName('gomoku')}${msg(': five in a row wins.', { id: 'games.rule' })}</p>
      </section>
      <kj-pending-invites></kj-pending-invites>
      <section class="card" aria-labelledby="g-friends">
        <h2 id="g-friends">${msg('Invite a friend to Gomoku', { id: 'games.inviteTitle' })}</h2>
        <ul class="plain">
          ${friends.map((f) => {
            const invite = this.sent.get(f.id);
            return html`<li data-friend=${f.handle}>
              <kj-avatar .user=${f} size="36" .online=${online(f)}></kj-avatar>
              <span class="name">${f.displayName} <span class="muted">${online(f) ? msg('online', { id: 'presence.online' }) : msg('offline', { id: 'presence.offline' })}</span></span>
              ${
                invite?.status === 'pending'
                  ? html`<span class="muted" role="status">${msg(str`Waiting for ${f.displayName}…`, { id: 'games.waitingFor' })}</span>`
                  : html`<button class="primary" @click=${() => this.invite(f)}>${msg('Invite to Gomoku', { id: 'games.invite' })}</button>`
              }
            </li>`;
          })}
        </ul>
        ${this.friends.length === 0 ? html`<p class="muted">${msg('Add friends on the feed to play with them.', { id: 'games.noFriends' })} <a href="/">${msg('Feed', { id: 'nav.feed' })}</a></p>` : null}
        ${this.status.render()}
      </section>
    </div>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        const [{ games }, { friends }] = await Promise.all([
          api.call('GET /games', { signal }).catch((err: unknown) => {
            if (isAbort(err)) throw err;
            return { games: [] as GameDto[] };
          }),
          api.call('GET /friends', { signal }),
        ]);
        this.games = games;
        this.friends = friends;
      },
      (message) => this.status.show(message),
    );
  }

  private async invite(friend: UserDto): Promise<void> {
    this.status.show('');
    await this.status.run(async () => {
      const { invite } = await api.call('POST /invites', { body: { to: friend.handle, game: 'gomoku' } });
      this.sent = new Map(this.sent).set(friend.id, invite);
      this.status.show(msg(str`Invite sent to ${friend.displayName}. It expires in a minute.`, { id: 'games.inviteSent' }));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-games-page': KjGamesPage;
  }
}
