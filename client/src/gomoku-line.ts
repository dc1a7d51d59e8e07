/** The five (or more) stones in a row that won a Gomoku match, found from the winning move. */
import type { MatchDto } from '../../shared/dto.js';

export interface Cell {
  readonly x: number;
  readonly y: number;
}

const directions = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
] as const;

/** The line through `at` of at least five stones of its colour, or [] when there is none. */
export function winningLine(board: readonly (readonly number[])[], at: Cell): Cell[] {
  const colour = board[at.y]?.[at.x];
  if (!colour) return [];
  for (const [dx, dy] of directions) {
    const line: Cell[] = [at];
    for (const sign of [1, -1]) {
      for (let x = at.x + dx * sign, y = at.y + dy * sign; board[y]?.[x] === colour; x += dx * sign, y += dy * sign) line.push({ x, y });
    }
    if (line.length >= 5) return line;
  }
  return [];
}

/** The board after the first `count` moves (for replay): players alternate, the first is 1. */
export function boardAfter(match: MatchDto, count: number): number[][] {
  const size = match.board.length;
  const board = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  match.moves.slice(0, count).forEach((m, i) => {
    const row = board[m.y];
    if (row) row[m.x] = (i % 2) + 1;
  });
  return board;
}
