import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MatchDto } from '../../../shared/dto.js';
import { formatDate } from '../i18n/format.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import { gameName } from './kj-invites.js';

/** A space owner's matches, newest first (owner and friends see them); each opens with its replay. */
@localized()
@customElement('kj-match-history')
export class KjMatchHistory extends LitElement {
  static override styles = [shared, css`li { padding: 4px 0; border-bottom: 1px dashed var(--kj-line); font-size: 0.9rem; }`];

  @property() handle = '';
  @state() private played: MatchDto[] = [];
  @state() private error = '';
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });

  override render() {
    if (this.error) return html`<p class="muted">${this.error}</p>`;
    if (this.played.length === 0) return html`<p class="muted">${msg('No matches yet.', { id: 'matchHistory.none' })}</p>`;
    return html`<ul class="plain" aria-label=${msg('Matches', { id: 'matchHistory.label' })}>
      ${this.played.map(
        (m) => html`<li data-match-id=${m.id}><a href=${`/games/${m.id}`}>${m.players.map((p) => p.displayName).join(' vs ')}</a>
        <span class="muted">· ${gameName(m.game)} · ${this.outcome(m)} · ${formatDate(m.moves[0]?.at ?? new Date().toISOString())}</span></li>`,
      )}
    </ul>`;
  }

  private outcome(m: MatchDto): string {
    if (m.status === 'active') return msg('being played', { id: 'matchHistory.active' });
    if (m.winner === 'draw') return msg('draw', { id: 'matchHistory.draw' });
    const winner = m.players.find((p) => p.id === m.winner)?.displayName ?? '';
    return msg(str`${winner} won`, { id: 'matchHistory.won' });
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.played = (
          await api.call('GET /spaces/:handle/matches', { params: { handle: this.handle }, query: { limit: 10 }, signal })
        ).matches;
      },
      (message) => (this.error = message),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-match-history': KjMatchHistory;
  }
}
