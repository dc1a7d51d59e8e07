/**
 * Gomoku (五子棋) as the hub registers it. The rules themselves (15×15, black first, five or more in a
 * row wins, a full board draws) are in shared/gomoku.ts, which the web client reads too.
 */
import { boardFromMoves, play } from '../../../../shared/gomoku.js';
import type { GameRules } from '../game-rules.js';

export {
  boardFromMoves,
  emptyBoard,
  isFull,
  makesFive,
  onBoard,
  play,
  runLength,
  size,
  stoneOf,
  type Board,
  type Cell,
  type Stone,
} from '../../../../shared/gomoku.js';

export const gomoku: GameRules = {
  id: 'gomoku',
  name: 'Gomoku (五子棋)',
  players: 2,
  board: boardFromMoves,
  play,
};
