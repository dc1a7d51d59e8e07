import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MatchDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api, errorText } from '../services/api.js';
import { realtime } from '../services/realtime.js';
import { gameName } from './kj-invites.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-gomoku-board.js';
import './kj-match-controls.js';
import { boardFromMoves, winningRow } from '../../../shared/gomoku.js';
import { errorNotice } from '../error-notice.js';

/** `/games/:matchId`: a live Gomoku match; moves go over the socket and illegal ones are explained. */
@localized()
@customElement('kj-match-page')
export class KjMatchPage extends LitElement {
  static override styles = [
    shared,
    css`
      /* No keyboard hint where there is no keyboard to speak of. */
      @media (pointer: coarse) { .keys { display: none; } }
      .players { display: flex; justify-content: space-between; gap: 12px; margin-bottom: 12px; flex-wrap: wrap; }
      .player { display: flex; align-items: center; gap: 8px; padding: 6px 12px 6px 6px; border-radius: 999px; border: 2px solid transparent; }
      .player.turn { border-color: var(--kj-accent); background: var(--kj-accent-soft); }
      .stone { width: 14px; height: 14px; border-radius: 50%; display: inline-block; border: 1px solid #555; }
      .status { text-align: center; font-weight: 700; font-size: 1.1rem; margin: 8px 0 12px; }
      .status.won { color: var(--kj-ok); }
    `,
  ];

  @property() matchId = '';
  @state() private match: MatchDto | null = null;
  private readonly action = new ActionStatus(this);
  /** Replaying a finished match: the board after this many moves (null: as it ended). */
  @state() private replayAt: number | null = null;
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.matchId, catchUp: true });

  constructor() {
    super();
    new LiveEvents(this).on('game:state', ({ match }) => {
      if (match.id === this.matchId && (!this.match || match.moves.length >= this.match.moves.length)) this.match = match;
    });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('matchId')) this.replayAt = null;
  }

  override render() {
    const m = this.match;
    if (!m)
      return html`<div class="card">${this.action.error ? html`<p class="error" role="alert">${this.action.error}</p>` : html`<p class="muted" role="status">${msg('Loading the match…', { id: 'match.loading' })}</p>`}</div>`;
    const me = this.session.me?.id;
    const myTurn = m.status === 'active' && m.turn === me && this.replayAt === null;
    const shownMoves = this.replayAt ?? m.moves.length;
    const last = m.moves[shownMoves - 1];
    const board = this.replayAt === null ? m.board : boardFromMoves(m.moves.slice(0, this.replayAt));
    const won = m.endReason === 'five' && this.replayAt === null && last ? winningRow(board, last) : [];
    return html`<section class="card" aria-labelledby="match-title">
      <h1 id="match-title">${gameName(m.game)}</h1>
      <div class="players">
        ${m.players.map(
          (p, i) => html`<div class="player ${m.turn === p.id ? 'turn' : ''}">
            <kj-avatar .user=${p} size="30"></kj-avatar>
            <span class="stone" style=${`background:${i === 0 ? '#111' : '#fff'}`} aria-hidden="true"></span>
            <span>${p.displayName}${p.id === me ? ` ${msg('(you)', { id: 'match.you' })}` : ''} — ${i === 0 ? msg('black', { id: 'gomoku.black' }) : msg('white', { id: 'gomoku.white' })}</span>
          </div>`,
        )}
      </div>
      <p class="status ${m.winner ? 'won' : ''}" role="status" aria-live="polite" data-testid="match-status">${this.statusText(m, me)}</p>
      ${errorNotice(this.action.error)}
      <kj-gomoku-board .board=${board} .myTurn=${myTurn && !this.action.busy} .lastMove=${last ? { x: last.x, y: last.y } : null} .winLine=${won}
        @play=${this.play}></kj-gomoku-board>
      <kj-match-controls .match=${m} me=${me ?? ''} .replayAt=${this.replayAt}
        @replay=${(e: CustomEvent<{ at: number | null }>) => (this.replayAt = e.detail.at)}></kj-match-controls>
      <p class="muted keys" style="text-align:center">${msg('Arrow keys move, Enter or Space places a stone.', { id: 'match.keys' })}</p>
    </section>`;
  }

  private statusText(m: MatchDto, me: string | undefined): string {
    if (m.winner === 'draw') return msg('A draw — the board is full.', { id: 'match.draw' });
    if (m.winner && m.endReason === 'resign') {
      const loser = m.players.find((p) => p.id !== m.winner);
      if (m.winner === me) return msg(str`${loser?.displayName ?? ''} resigned. You won!`, { id: 'matchEnd.theyResigned' });
      return loser?.id === me
        ? msg('You resigned.', { id: 'matchEnd.youResigned' })
        : msg(str`${loser?.displayName ?? ''} resigned.`, { id: 'matchEnd.resigned' });
    }
    if (m.winner) {
      const winner = m.players.find((p) => p.id === m.winner);
      if (m.winner === me) return msg('You won!', { id: 'match.youWon' });
      const name = winner?.displayName ?? msg('Your opponent', { id: 'match.opponent' });
      return msg(str`${name} won.`, { id: 'match.won' });
    }
    if (m.turn === me) return msg('Your move.', { id: 'match.yourMove' });
    const other = m.players.find((p) => p.id === m.turn);
    const name = other?.displayName ?? msg('your opponent', { id: 'match.yourOpponent' });
    return msg(str`Waiting for ${name}…`, { id: 'match.waiting' });
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.match = (await api.call('GET /matches/:id', { params: { id: this.matchId }, signal })).match;
        this.action.clear();
      },
      (message) => this.action.fail(message),
    );
  }

  private async play(e: CustomEvent<{ x: number; y: number }>): Promise<void> {
    await this.action.run(
      async () => {
        const { match } = await realtime.request('game:move', { matchId: this.matchId, ...e.detail });
        if (!this.match || match.moves.length >= this.match.moves.length) this.match = match;
      },
      (err) => `${msg('That move was not accepted', { id: 'match.moveRefused' })}: ${errorText(err)}`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-match-page': KjMatchPage;
  }
}
