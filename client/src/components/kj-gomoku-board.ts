import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';

const stoneName = ['empty', 'black', 'white'] as const;
const stoneLabel = [
  () => msg('empty', { id: 'gomoku.empty' }),
  () => msg('black', { id: 'gomoku.black' }),
  () => msg('white', { id: 'gomoku.white' }),
] as const;

/**
 * A Gomoku board. Keyboard: arrow keys move the cursor (Home/End to the row's ends), Enter or Space
 * plays there; one cell is in the tab order at a time.
 * @fires play - detail `{ x, y }`, when the player picks an empty cell and it is their turn
 * @csspart board - the grid
 */
@localized()
@customElement('kj-gomoku-board')
export class KjGomokuBoard extends LitElement {
  static override styles = [
    shared,
    css`
      .board {
        display: grid; gap: 0; width: min(560px, 100%); aspect-ratio: 1; margin: 0 auto; padding: 2%;
        background: linear-gradient(135deg, #f2c77e, #e0a955); border-radius: 10px;
        box-shadow: inset 0 0 0 2px #b07a2c, var(--kj-shadow);
      }
      /* On a touch screen every point is a finger's width (40 px); a board wider than the screen scrolls. */
      @media (pointer: coarse) {
        :host { display: block; overflow-x: auto; }
        .board { width: calc(var(--n) * 40px + 16px); max-width: none; padding: 8px; }
      }
      .cell {
        position: relative; border: none; padding: 0; margin: 0; min-height: 0; border-radius: 0; background: transparent;
        display: grid; place-items: center; cursor: pointer;
      }
      .cell::before, .cell::after { content: ''; position: absolute; background: #7a5216; z-index: 0; }
      .cell::before { left: 0; right: 0; top: 50%; height: 1px; }
      .cell::after { top: 0; bottom: 0; left: 50%; width: 1px; }
      .cell.first-x::before { left: 50%; } .cell.last-x::before { right: 50%; }
      .cell.first-y::after { top: 50%; } .cell.last-y::after { bottom: 50%; }
      .cell:hover:not(:disabled) { background: rgb(255 255 255 / 0.25); }
      .cell:focus-visible { box-shadow: none; outline: 3px solid #1c7ed6; outline-offset: -3px; z-index: 2; }
      .cursor { outline: 2px dashed rgb(28 126 214 / 0.6); outline-offset: -3px; }
      .stone { width: 84%; height: 84%; border-radius: 50%; z-index: 1; }
      .black { background: radial-gradient(circle at 35% 30%, #666, #111 60%); box-shadow: 1px 2px 3px rgb(0 0 0 / 0.4); }
      .white { background: radial-gradient(circle at 35% 30%, #fff, #ddd 70%); box-shadow: 1px 2px 3px rgb(0 0 0 / 0.35); }
      .last { box-shadow: 0 0 0 3px #e8590c; }
      .win { box-shadow: 0 0 0 3px #2f9e44, 0 0 10px 2px rgb(47 158 68 / 0.7); }
    `,
  ];

  @property({ attribute: false }) board: readonly (readonly number[])[] = [];
  @property({ type: Boolean }) myTurn = false;
  @property({ attribute: false }) lastMove: { x: number; y: number } | null = null;
  /** The stones that won, drawn ringed. */
  @property({ attribute: false }) winLine: readonly { x: number; y: number }[] = [];
  @state() private cursor = { x: 7, y: 7 };

  override render() {
    const size = this.board.length;
    return html`<div class="board" part="board" role="grid" aria-label=${msg(str`Gomoku board, ${size} by ${size}`, { id: 'gomoku.board' })}
      style=${`grid-template-columns:repeat(${size},1fr);--n:${size}`} @keydown=${this.onKey}>
      ${this.board.map(
        (row, y) => html`<div role="row" style="display:contents">
          ${row.map((v, x) => {
            const here = this.cursor.x === x && this.cursor.y === y;
            const last = this.lastMove?.x === x && this.lastMove?.y === y;
            const won = this.winLine.some((c) => c.x === x && c.y === y);
            const edges = `${x === 0 ? 'first-x' : ''} ${x === size - 1 ? 'last-x' : ''} ${y === 0 ? 'first-y' : ''} ${y === size - 1 ? 'last-y' : ''}`;
            return html`<button role="gridcell" class="cell ${edges} ${here ? 'cursor' : ''}" data-x=${x} data-y=${y}
              tabindex=${here ? 0 : -1} aria-label=${msg(str`Row ${y + 1}, column ${x + 1}, ${(stoneLabel[v] ?? stoneLabel[0])()}`, { id: 'gomoku.cell' })}
              aria-disabled=${v !== 0 || !this.myTurn ? 'true' : 'false'} @focus=${() => this.follow(x, y)} @click=${() => this.play(x, y)}>
              ${v ? html`<span class="stone ${stoneName[v]} ${last ? 'last' : ''} ${won ? 'win' : ''}" data-win=${won ? 'true' : 'false'}></span>` : null}
            </button>`;
          })}
        </div>`,
      )}
    </div>`;
  }

  private onKey(e: KeyboardEvent): void {
    const size = this.board.length;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    let { x, y } = this.cursor;
    const step = moves[e.key];
    if (step) [x, y] = [Math.min(size - 1, Math.max(0, x + step[0])), Math.min(size - 1, Math.max(0, y + step[1]))];
    else if (e.key === 'Home') x = 0;
    else if (e.key === 'End') x = size - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.play(this.cursor.x, this.cursor.y);
      return;
    } else return;
    e.preventDefault();
    this.cursor = { x, y };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`[data-x="${x}"][data-y="${y}"]`)?.focus());
  }

  /** The cursor follows focus, however the focus got there (pointer, script, assistive tech). */
  private follow(x: number, y: number): void {
    if (this.cursor.x !== x || this.cursor.y !== y) this.cursor = { x, y };
  }

  private play(x: number, y: number): void {
    this.cursor = { x, y };
    if (!this.myTurn || this.board[y]?.[x] !== 0) return;
    this.dispatchEvent(new CustomEvent('play', { detail: { x, y }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-gomoku-board': KjGomokuBoard;
  }
}
