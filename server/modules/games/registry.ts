/**
 * The games the center offers. Each game is a set of pure rules behind one small interface, so the
 * invite, match and transport code never knows which game it is running.
 */
import type { GameDto } from '../../../shared/dto.js';
import { gomoku } from './gomoku/rules.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What the next move leads to, or why it is refused. */
export type PlayResult =
  | { readonly ok: true; readonly outcome: 'continue' | 'win' | 'draw' }
  | { readonly ok: false; readonly reason: 'off_board' | 'occupied' };

export interface GameRules {
  readonly id: string;
  readonly name: string;
  readonly players: number;
  /** board[y][x] after `moves`: 0 empty, k + 1 for player k's pieces (players take turns from player 0). */
  board(moves: readonly Point[]): number[][];
  /** Judges `next`, played by whoever's turn it is after `moves`. */
  play(moves: readonly Point[], next: Point): PlayResult;
}

const games: ReadonlyMap<string, GameRules> = new Map([[gomoku.id, gomoku]]);

/** The rules of game `id`, or undefined for a game the center does not offer. */
export function gameRules(id: string): GameRules | undefined {
  return games.get(id);
}

/** Every game on offer, as `GET /api/games` lists them. */
export function gameList(): GameDto[] {
  return [...games.values()].map((g) => ({ id: g.id, name: g.name, players: g.players }));
}
