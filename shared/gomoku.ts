/**
 * Gomoku (五子棋) on a 15×15 board, the rules both ends read: black (player 0) moves first, players
 * alternate, five or more stones in a row — horizontally, vertically or on either diagonal — win, and
 * a full board with no such row is a draw. The hub judges moves with them; the web client replays a
 * match and marks its winning row. Pure functions only: no store, no transport.
 */

export const size = 15;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** 0 empty, 1 black (first player), 2 white. */
export type Cell = 0 | 1 | 2;
export type Stone = 1 | 2;
/** board[y][x]. */
export type Board = Cell[][];
/** A board only read (a match's board as the hub sends it). */
export type BoardView = readonly (readonly number[])[];

/** What the next move leads to, or why it is refused. */
export type Judgement =
  { readonly ok: true; readonly outcome: 'continue' | 'win' | 'draw' } | { readonly ok: false; readonly reason: 'off_board' | 'occupied' };

const directions: readonly (readonly [number, number])[] = [
  [1, 0], // horizontal
  [0, 1], // vertical
  [1, 1], // diagonal ↘
  [1, -1], // diagonal ↗
];

export function emptyBoard(): Board {
  return Array.from({ length: size }, () => new Array<Cell>(size).fill(0));
}

export function onBoard(p: Point): boolean {
  return Number.isInteger(p.x) && Number.isInteger(p.y) && p.x >= 0 && p.x < size && p.y >= 0 && p.y < size;
}

/** The stone of whoever plays move number `index` (0-based): black on even moves. */
export function stoneOf(index: number): Stone {
  return index % 2 === 0 ? 1 : 2;
}

/** The board after `moves`, which are trusted to be legal (they were judged when played); a replay passes the first few. */
export function boardFromMoves(moves: readonly Point[]): Board {
  const board = emptyBoard();
  moves.forEach((m, i) => {
    const row = board[m.y];
    if (row && onBoard(m)) row[m.x] = stoneOf(i);
  });
  return board;
}

/** The `stone`s in a row through `p` along (dx, dy), `p` itself first. */
function rowThrough(board: BoardView, p: Point, stone: number, dx: number, dy: number): Point[] {
  const row: Point[] = [{ x: p.x, y: p.y }];
  for (const sign of [1, -1]) {
    for (let x = p.x + sign * dx, y = p.y + sign * dy; board[y]?.[x] === stone; x += sign * dx, y += sign * dy) row.push({ x, y });
  }
  return row;
}

/** How many `stone`s in a row pass through `p` along (dx, dy), counting `p` itself. */
export function runLength(board: BoardView, p: Point, stone: Stone, dx: number, dy: number): number {
  return rowThrough(board, p, stone, dx, dy).length;
}

/** Whether the stone at `p` completes five or more in a row (an overline of six or more also wins). */
export function makesFive(board: BoardView, p: Point, stone: Stone): boolean {
  return directions.some(([dx, dy]) => runLength(board, p, stone, dx, dy) >= 5);
}

/** The row of five or more through `p` of the stone on it (from the winning move: the winning row), or [] when there is none. */
export function winningRow(board: BoardView, p: Point): Point[] {
  const stone = board[p.y]?.[p.x];
  if (!stone) return [];
  for (const [dx, dy] of directions) {
    const row = rowThrough(board, p, stone, dx, dy);
    if (row.length >= 5) return row;
  }
  return [];
}

export function isFull(board: BoardView): boolean {
  return board.every((row) => row.every((c) => c !== 0));
}

/** Judges `next`, played by the side to move after `moves`. */
export function play(moves: readonly Point[], next: Point): Judgement {
  if (!onBoard(next)) return { ok: false, reason: 'off_board' };
  const board = boardFromMoves(moves);
  const row = board[next.y] as Cell[];
  if (row[next.x] !== 0) return { ok: false, reason: 'occupied' };
  const stone = stoneOf(moves.length);
  row[next.x] = stone;
  if (makesFive(board, next, stone)) return { ok: true, outcome: 'win' };
  if (moves.length + 1 === size * size || isFull(board)) return { ok: true, outcome: 'draw' };
  return { ok: true, outcome: 'continue' };
}
