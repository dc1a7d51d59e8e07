/**
 * Gomoku (五子棋) on a 15×15 board: black (player 0) moves first, players alternate, five or more
 * stones in a row — horizontally, vertically or on either diagonal — win, and a full board with no
 * such row is a draw. Pure functions only: no store, no transport.
 */
import type { GameRules, PlayResult, Point } from '../game-rules.js';

export const size = 15;

/** 0 empty, 1 black (first player), 2 white. */
export type Cell = 0 | 1 | 2;
export type Stone = 1 | 2;
/** board[y][x]. */
export type Board = Cell[][];

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

/** The board after `moves`, which are trusted to be legal (they were judged when played). */
export function boardFromMoves(moves: readonly Point[]): Board {
  const board = emptyBoard();
  moves.forEach((m, i) => {
    const row = board[m.y];
    if (row && onBoard(m)) row[m.x] = stoneOf(i);
  });
  return board;
}

const cellAt = (board: Board, x: number, y: number): Cell | undefined => board[y]?.[x];

/** How many `stone`s in a row pass through `p` along (dx, dy), counting `p` itself. */
export function runLength(board: Board, p: Point, stone: Stone, dx: number, dy: number): number {
  let count = 1;
  for (const sign of [1, -1]) {
    let x = p.x + sign * dx;
    let y = p.y + sign * dy;
    while (cellAt(board, x, y) === stone) {
      count += 1;
      x += sign * dx;
      y += sign * dy;
    }
  }
  return count;
}

/** Whether the stone at `p` completes five or more in a row (an overline of six or more also wins). */
export function makesFive(board: Board, p: Point, stone: Stone): boolean {
  return directions.some(([dx, dy]) => runLength(board, p, stone, dx, dy) >= 5);
}

export function isFull(board: Board): boolean {
  return board.every((row) => row.every((c) => c !== 0));
}

/** Judges `next`, played by the side to move after `moves`. */
export function play(moves: readonly Point[], next: Point): PlayResult {
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

export const gomoku: GameRules = {
  id: 'gomoku',
  name: 'Gomoku (五子棋)',
  players: 2,
  board: boardFromMoves,
  play,
};
