import { msg, str } from '@lit/localize';
import { LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { InviteDto, MatchDto } from '../../../shared/dto.js';
import { LiveEvents } from '../controllers/live-events.js';
import { api, errorText } from '../services/api.js';
import { router } from '../services/router.js';
import { session } from '../services/session.js';
import { toasts } from '../services/toasts.js';

/**
 * Turns live game invites and visits into toasts: accept/decline for invites to me, a "play" prompt
 * when my invite is accepted, and a visitor note for my space. Renders nothing itself.
 */
@customElement('kj-invites')
export class KjInvites extends LitElement {
  private readonly toastOf = new Map<string, number>();

  constructor() {
    super();
    new LiveEvents(this)
      .on('invite', ({ invite }) => this.onInvite(invite))
      .on('space:visitor', ({ visitor }) => {
        toasts.show(msg(str`${visitor.displayName} (@${visitor.handle}) is visiting your space`, { id: 'invites.visiting' }), {
          actions: [{ label: msg('See their space', { id: 'invites.seeSpace' }), run: () => router.go(`/space/${visitor.handle}`) }],
        });
      });
  }

  override createRenderRoot() {
    return this;
  }

  private onInvite(invite: InviteDto): void {
    const mine = invite.to.id === session.me?.id;
    const previous = this.toastOf.get(invite.id);
    if (previous !== undefined) toasts.dismiss(previous);
    if (invite.status === 'pending' && mine) {
      const ms = Math.max(5_000, new Date(invite.expiresAt).getTime() - Date.now());
      const id = toasts.show(
        msg(str`${invite.from.displayName} invites you to play ${gameName(invite.game)}`, { id: 'invites.invitesYou' }),
        {
          timeout: ms,
          actions: [
            { label: msg('Accept', { id: 'common.accept' }), run: () => this.answer(invite, 'accept') },
            { label: msg('Decline', { id: 'common.decline' }), run: () => this.answer(invite, 'decline') },
          ],
        },
      );
      this.toastOf.set(invite.id, id);
    } else if (invite.status === 'accepted' && !mine && invite.matchId) {
      const matchId = invite.matchId;
      if (router.route.name === 'games') router.go(`/games/${matchId}`);
      else
        toasts.show(msg(str`${invite.to.displayName} accepted your ${gameName(invite.game)} invite`, { id: 'invites.accepted' }), {
          actions: [{ label: msg('Play now', { id: 'invites.playNow' }), run: () => router.go(`/games/${matchId}`) }],
        });
    } else if (invite.status === 'declined' && !mine) {
      toasts.show(msg(str`${invite.to.displayName} declined your invite`, { id: 'invites.declined' }));
    }
  }

  private async answer(invite: InviteDto, verb: 'accept' | 'decline'): Promise<void> {
    try {
      const res: { invite: InviteDto; match?: MatchDto } = await api.call(`POST /invites/:id/${verb}`, { params: { id: invite.id } });
      if (res.match) router.go(`/games/${res.match.id}`);
    } catch (err) {
      toasts.show(
        `${verb === 'accept' ? msg('Could not accept the invite', { id: 'invites.acceptFailed' }) : msg('Could not decline the invite', { id: 'invites.declineFailed' })}: ${errorText(err)}`,
        { tone: 'error' },
      );
    }
  }
}

export const gameName = (game: string): string => (game === 'gomoku' ? msg('Gomoku', { id: 'games.gomoku' }) : game);

declare global {
  interface HTMLElementTagNameMap {
    'kj-invites': KjInvites;
  }
}
