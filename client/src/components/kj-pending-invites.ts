import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { InviteDto, MatchDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { api } from '../services/api.js';
import { router } from '../services/router.js';
import { session } from '../services/session.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import { gameName } from './kj-invites.js';
import { errorNotice } from '../error-notice.js';
import { ActionStatus } from '../controllers/action-status.js';

/**
 * Game invites still open, from the hub (so they survive a reload) and kept live by `invite`
 * events: accept or decline those to you, cancel yours.
 */
@localized()
@customElement('kj-pending-invites')
export class KjPendingInvites extends LitElement {
  static override styles = [
    shared,
    css`li { display: flex; align-items: center; gap: 10px; padding: 6px 0; border-bottom: 1px solid var(--kj-line); } li .what { flex: 1; min-width: 0; }`,
  ];

  @state() private incoming: InviteDto[] = [];
  @state() private outgoing: InviteDto[] = [];
  private readonly action = new ActionStatus(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), catchUp: true });

  constructor() {
    super();
    new LiveEvents(this).on('invite', ({ invite }) => this.follow(invite));
  }

  override render() {
    if (!this.incoming.length && !this.outgoing.length) return null;
    return html`<section class="card" aria-labelledby="open-invites">
      <h2 id="open-invites">${msg('Open invites', { id: 'pendingInvites.title' })}</h2>
      <ul class="plain">
        ${repeat(
          this.incoming,
          (i) => i.id,
          (i) => html`<li data-invite-id=${i.id}>
          <kj-avatar .user=${i.from} size="30"></kj-avatar>
          <span class="what">${msg(str`${i.from.displayName} invites you to ${gameName(i.game)}`, { id: 'pendingInvites.toMe' })}</span>
          <button class="primary" @click=${() => this.act(i, 'accept')}>${msg('Accept', { id: 'pendingInvites.accept' })}</button>
          <button @click=${() => this.act(i, 'decline')}>${msg('Decline', { id: 'pendingInvites.decline' })}</button>
        </li>`,
        )}
        ${repeat(
          this.outgoing,
          (i) => i.id,
          (i) => html`<li data-invite-id=${i.id}>
          <kj-avatar .user=${i.to} size="30"></kj-avatar>
          <span class="what">${msg(str`Waiting for ${i.to.displayName} (${gameName(i.game)})`, { id: 'pendingInvites.fromMe' })}</span>
          <button @click=${() => this.act(i, 'cancel')} aria-label=${msg(str`Cancel the invite to ${i.to.displayName}`, { id: 'pendingInvites.cancelLabel' })}>${msg('Cancel', { id: 'pendingInvites.cancel' })}</button>
        </li>`,
        )}
      </ul>
      ${errorNotice(this.action.error)}
    </section>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        const res = await api.call('GET /invites', { signal });
        this.incoming = res.incoming;
        this.outgoing = res.outgoing;
      },
      (message) => this.action.fail(message),
    );
  }

  /** A pending invite joins its list (to me: incoming; from me: outgoing); any other status takes it off. */
  private follow(invite: InviteDto): void {
    const without = (list: InviteDto[]) => list.filter((i) => i.id !== invite.id);
    this.incoming = without(this.incoming);
    this.outgoing = without(this.outgoing);
    if (invite.status !== 'pending') return;
    if (invite.to.id === session.me?.id) this.incoming = [invite, ...this.incoming];
    else this.outgoing = [invite, ...this.outgoing];
  }

  private async act(invite: InviteDto, verb: 'accept' | 'decline' | 'cancel'): Promise<void> {
    await this.action.run(async () => {
      const res: { invite: InviteDto; match?: MatchDto } = await api.call(`POST /invites/:id/${verb}`, { params: { id: invite.id } });
      this.follow(res.invite);
      if (res.match) router.go(`/games/${res.match.id}`);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-pending-invites': KjPendingInvites;
  }
}
