import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { InviteDto, MatchDto } from '../../../shared/dto.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { router } from '../services/router.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import { gameName } from './kj-invites.js';

/**
 * `/invites/:id`: one game invite, where an invite notification leads. The invited player can
 * accept (and goes to the match) or decline; the inviter can cancel; its status follows `invite` live,
 * and when it is accepted the inviter waiting here is taken to the match too.
 */
@localized()
@customElement('kj-invite-page')
export class KjInvitePage extends LitElement {
  static override styles = [shared, css`.who { display: flex; gap: 12px; align-items: center; margin: 12px 0; }`];

  @property() inviteId = '';
  @state() private invite: InviteDto | null = null;
  private readonly action = new ActionStatus(this);
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.inviteId });

  constructor() {
    super();
    new LiveEvents(this).on('invite', ({ invite }) => {
      if (invite.id !== this.inviteId) return;
      this.invite = invite;
      // The other player accepted (e.g. a rematch I asked for): both go to the board.
      if (invite.status === 'accepted' && invite.matchId) router.go(`/games/${invite.matchId}`);
    });
  }

  override render() {
    const back = html`<p><a href="/games">${msg('← Games', { id: 'inviteView.back' })}</a></p>`;
    if (this.action.error)
      return html`${back}<div class="card" role="alert"><h1>${msg('Invite not found', { id: 'inviteView.notFound' })}</h1><p>${this.action.error}</p></div>`;
    const inv = this.invite;
    if (!inv) return html`<p class="muted" role="status">${msg('Opening the invite…', { id: 'inviteView.loading' })}</p>`;
    const toMe = inv.to.id === this.session.me?.id;
    const other = toMe ? inv.from : inv.to;
    const game = gameName(inv.game);
    return html`${back}<section class="card" aria-labelledby="inv-title" data-invite-status=${inv.status}>
      <h1 id="inv-title">${toMe ? msg(str`${inv.from.displayName} invites you to ${game}`, { id: 'inviteView.toMe' }) : msg(str`Your invite to ${inv.to.displayName}: ${game}`, { id: 'inviteView.fromMe' })}</h1>
      <div class="who"><kj-avatar .user=${other} size="42"></kj-avatar><a href=${`/space/${other.handle}`}>${other.displayName}</a></div>
      <p role="status" data-testid="invite-status">${this.statusText(inv, toMe)}</p>
      <div class="row">
        ${
          inv.status === 'pending' && toMe
            ? html`<button class="primary" ?disabled=${this.action.busy} @click=${() => this.act('accept')}>${msg('Accept and play', { id: 'inviteView.accept' })}</button>
              <button ?disabled=${this.action.busy} @click=${() => this.act('decline')}>${msg('Decline', { id: 'inviteView.decline' })}</button>`
            : null
        }
        ${
          inv.status === 'pending' && !toMe
            ? html`<button ?disabled=${this.action.busy} @click=${() => this.act('cancel')}>${msg('Cancel the invite', { id: 'inviteView.cancel' })}</button>`
            : null
        }
        ${inv.status === 'accepted' && inv.matchId ? html`<a class="button" href=${`/games/${inv.matchId}`}>${msg('Open the match', { id: 'inviteView.openMatch' })}</a>` : null}
      </div>
    </section>`;
  }

  private statusText(inv: InviteDto, toMe: boolean): string {
    switch (inv.status) {
      case 'pending':
        return toMe
          ? msg(str`Waiting for your answer until ${new Date(inv.expiresAt).toLocaleTimeString()}.`, { id: 'inviteView.pendingToMe' })
          : msg(str`Waiting for ${inv.to.displayName} to answer.`, { id: 'inviteView.pendingFromMe' });
      case 'accepted':
        return msg('Accepted: the match is on.', { id: 'inviteView.accepted' });
      case 'declined':
        return msg('Declined.', { id: 'inviteView.declined' });
      case 'cancelled':
        return msg('Cancelled by the inviter.', { id: 'inviteView.cancelled' });
      case 'expired':
        return msg('Expired: nobody answered in time.', { id: 'inviteView.expired' });
    }
  }

  private async load(): Promise<void> {
    this.invite = null;
    this.action.clear();
    await this.loads.load(
      async (signal) => {
        this.invite = (await api.call('GET /invites/:id', { params: { id: this.inviteId }, signal })).invite;
      },
      (message) => this.action.fail(message),
      { not_found: msg('It is gone, or not yours to see.', { id: 'inviteView.gone' }) },
    );
  }

  private async act(verb: 'accept' | 'decline' | 'cancel'): Promise<void> {
    await this.action.run(async () => {
      const res: { invite: InviteDto; match?: MatchDto } = await api.call(`POST /invites/:id/${verb}`, { params: { id: this.inviteId } });
      this.invite = res.invite;
      if (res.match) router.go(`/games/${res.match.id}`);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-invite-page': KjInvitePage;
  }
}
