import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MatchDto } from '../../../shared/dto.js';
import { formatNumber } from '../i18n/format.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { router } from '../services/router.js';
import { shared } from '../styles/shared.js';

/**
 * Under a match: Resign while it is played; once over, Rematch (an invite to the same opponent),
 * a way back, and a replay that steps through the moves (buttons or ← → after focusing them).
 * @fires replay - detail `{ at }`: show the board after `at` moves, or `null` for the real one
 */
@localized()
@customElement('kj-match-controls')
export class KjMatchControls extends LitElement {
  static override styles = [shared, css`.row { justify-content: center; margin-top: 12px; } .error { text-align: center; }`];

  @property({ attribute: false }) match!: MatchDto;
  /** The signed-in user's id. */
  @property() me = '';
  /** The move count the replay shows, or null when showing the match as it is. */
  @property({ attribute: false }) replayAt: number | null = null;
  private readonly action = new ActionStatus(this);

  override render() {
    const m = this.match;
    const player = m.players.some((p) => p.id === this.me);
    if (m.status === 'active') {
      return player
        ? html`<div class="row"><button class="danger" ?disabled=${this.action.busy} @click=${this.resign}>${msg('Resign', { id: 'matchEnd.resign' })}</button></div>${this.errorLine()}`
        : null;
    }
    const n = m.moves.length;
    const at = this.replayAt ?? n;
    return html`<div class="row">
        ${player ? html`<button class="primary" ?disabled=${this.action.busy} @click=${this.rematch}>${msg('Rematch', { id: 'matchEnd.rematch' })}</button>` : null}
        <a class="button" href="/games">${msg('Back to games', { id: 'matchEnd.back' })}</a>
      </div>
      <div class="row" role="group" aria-label=${msg('Replay', { id: 'matchEnd.replay' })} @keydown=${this.key}>
        <button ?disabled=${at === 0} @click=${() => this.show(0)} aria-label=${msg('To the first move', { id: 'matchEnd.first' })}>⏮</button>
        <button ?disabled=${at === 0} @click=${() => this.show(at - 1)} aria-label=${msg('One move back', { id: 'matchEnd.prev' })}>◀</button>
        <span data-testid="replay-position">${msg(str`Move ${formatNumber(at)} of ${formatNumber(n)}`, { id: 'matchEnd.position' })}</span>
        <button ?disabled=${at >= n} @click=${() => this.show(at + 1)} aria-label=${msg('One move forward', { id: 'matchEnd.next' })}>▶</button>
        <button ?disabled=${at >= n} @click=${() => this.show(n)} aria-label=${msg('To the end', { id: 'matchEnd.last' })}>⏭</button>
      </div>${this.errorLine()}`;
  }

  private errorLine() {
    return this.action.error ? html`<p class="error" role="alert">${this.action.error}</p>` : null;
  }

  private key(e: KeyboardEvent): void {
    const at = this.replayAt ?? this.match.moves.length;
    if (e.key === 'ArrowLeft') this.show(at - 1);
    else if (e.key === 'ArrowRight') this.show(at + 1);
  }

  private show(at: number): void {
    const n = this.match.moves.length;
    const clamped = Math.max(0, Math.min(n, at));
    this.dispatchEvent(new CustomEvent('replay', { detail: { at: clamped === n ? null : clamped } }));
  }

  private async resign(): Promise<void> {
    if (!confirm(msg('Resign this match? Your opponent wins.', { id: 'matchEnd.resignConfirm' }))) return;
    await this.action.run(() => api.call('POST /matches/:id/resign', { params: { id: this.match.id } }));
  }

  /** Invites the same opponent again and waits on the invite's page, which opens the match once accepted. */
  private async rematch(): Promise<void> {
    const other = this.match.players.find((p) => p.id !== this.me);
    if (!other) return;
    await this.action.run(async () => {
      const { invite } = await api.call('POST /invites', { body: { to: other.handle, game: this.match.game } });
      router.go(`/invites/${invite.id}`);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-match-controls': KjMatchControls;
  }
}
