import { describe, expect, it } from 'vitest';
import { boardFromMoves, emptyBoard, isFull, makesFive, play, size, stoneOf } from '../../../server/modules/games/gomoku/rules.js';
import type { Point } from '../../../server/modules/games/registry.js';
import { gameList, gameRules } from '../../../server/modules/games/registry.js';

/** Interleaves black's stones with white's (white's are fillers far from black's line). */
function game(black: readonly Point[], white: readonly Point[]): Point[] {
  const moves: Point[] = [];
  black.forEach((b, i) => {
    moves.push(b);
    const w = white[i];
    if (w && i < black.length - 1) moves.push(w);
  });
  return moves;
}

const line = (from: Point, dx: number, dy: number, n: number): Point[] =>
  Array.from({ length: n }, (_, i) => ({ x: from.x + i * dx, y: from.y + i * dy }));

/** White's harmless replies along the bottom row, spaced so they never make a row. */
const fillers: Point[] = Array.from({ length: 7 }, (_, i) => ({ x: i * 2, y: 14 }));

/** Black plays all but the last of `stones` (with white's fillers between), then the last is judged. */
function judgeLast(stones: readonly Point[]) {
  const moves = game(stones, fillers);
  const last = moves.pop() as Point;
  return play(moves, last);
}

describe('gomoku rules', () => {
  it('is on offer as a 15×15 two-player game', () => {
    expect(gameList()).toContainEqual({ id: 'gomoku', name: expect.any(String), players: 2 });
    expect(gameRules('gomoku')?.board([])).toHaveLength(15);
    expect(gameRules('chess')).toBeUndefined();
  });

  it.each([
    ['horizontal', { x: 3, y: 5 }, 1, 0],
    ['vertical', { x: 7, y: 2 }, 0, 1],
    ['diagonal ↘', { x: 2, y: 2 }, 1, 1],
    ['diagonal ↗', { x: 2, y: 10 }, 1, -1],
  ] as const)('five in a row %s wins', (_name, from, dx, dy) => {
    expect(judgeLast(line(from, dx, dy, 5))).toEqual({ ok: true, outcome: 'win' });
  });

  it('four in a row does not win', () => {
    expect(judgeLast(line({ x: 3, y: 5 }, 1, 0, 4))).toEqual({ ok: true, outcome: 'continue' });
  });

  it('five completed in the middle of the row wins', () => {
    const stones = [
      { x: 3, y: 5 },
      { x: 4, y: 5 },
      { x: 6, y: 5 },
      { x: 7, y: 5 },
      { x: 5, y: 5 },
    ];
    expect(judgeLast(stones)).toEqual({ ok: true, outcome: 'win' });
  });

  it('six in a row (an overline) wins too', () => {
    // Two threes with a gap; the sixth stone joins them into six.
    const stones = [...line({ x: 1, y: 6 }, 1, 0, 3), ...line({ x: 5, y: 6 }, 1, 0, 2), { x: 4, y: 6 }];
    const board = boardFromMoves(game(stones, fillers));
    expect(board[6]?.slice(1, 7)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(judgeLast(stones)).toEqual({ ok: true, outcome: 'win' });
  });

  it('rows along the edges and into the corners count', () => {
    expect(judgeLast(line({ x: 10, y: 0 }, 1, 0, 5))).toEqual({ ok: true, outcome: 'win' });
    expect(judgeLast(line({ x: 14, y: 0 }, 0, 1, 5))).toEqual({ ok: true, outcome: 'win' });
    expect(judgeLast(line({ x: 10, y: 10 }, 1, 1, 5))).toEqual({ ok: true, outcome: 'win' });
    expect(judgeLast(line({ x: 0, y: 4 }, 1, -1, 5))).toEqual({ ok: true, outcome: 'win' });
  });

  it('a row does not wrap around the board edge', () => {
    const stones = [
      { x: 12, y: 3 },
      { x: 13, y: 3 },
      { x: 14, y: 3 },
      { x: 0, y: 4 },
      { x: 1, y: 4 },
    ];
    expect(judgeLast(stones)).toEqual({ ok: true, outcome: 'continue' });
  });

  it("the opponent's stones break a row", () => {
    const board = emptyBoard();
    for (const p of line({ x: 0, y: 0 }, 1, 0, 4)) board[p.y]![p.x] = 1;
    board[0]![4] = 2;
    board[0]![5] = 1;
    expect(makesFive(board, { x: 5, y: 0 }, 1)).toBe(false);
  });

  it('refuses a taken cell and a cell off the board', () => {
    expect(play([{ x: 7, y: 7 }], { x: 7, y: 7 })).toEqual({ ok: false, reason: 'occupied' });
    expect(play([], { x: 15, y: 0 })).toEqual({ ok: false, reason: 'off_board' });
    expect(play([], { x: -1, y: 3 })).toEqual({ ok: false, reason: 'off_board' });
    expect(play([], { x: 1.5, y: 3 })).toEqual({ ok: false, reason: 'off_board' });
  });

  it('black moves first and players alternate', () => {
    expect([stoneOf(0), stoneOf(1), stoneOf(2)]).toEqual([1, 2, 1]);
    const board = boardFromMoves([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
    ]);
    expect(board[0]?.slice(0, 2)).toEqual([1, 2]);
  });

  it('a full board without five in a row is a draw', () => {
    // Pairs of stones, shifted row by row: no direction ever holds more than two alike in a row.
    const colour = (x: number, y: number): 1 | 2 => ((x + 2 * y) % 4 < 2 ? 1 : 2);
    const blacks: Point[] = [];
    const whites: Point[] = [];
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) (colour(x, y) === 1 ? blacks : whites).push({ x, y });
    // 225 cells: black has one more stone than white and plays last.
    expect(blacks.length - whites.length).toBe(1);
    const moves: Point[] = [];
    for (let i = 0; i < whites.length; i++) moves.push(blacks[i]!, whites[i]!);
    const last = blacks[blacks.length - 1]!;
    const full = boardFromMoves([...moves, last]);
    expect(isFull(full)).toBe(true);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) expect(makesFive(full, { x, y }, full[y]![x] as 1 | 2)).toBe(false);
    expect(play(moves, last)).toEqual({ ok: true, outcome: 'draw' });
  });
});
