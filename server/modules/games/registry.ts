/**
 * The games the center offers. Each game is a set of pure rules behind one small interface, so the
 * invite, match and transport code never knows which game it is running.
 */
import type { GameDto } from '../../../shared/dto.js';
import type { GameRules } from './game-rules.js';
import { gomoku } from './gomoku/rules.js';

export type { GameRules, PlayResult, Point } from './game-rules.js';

const games: ReadonlyMap<string, GameRules> = new Map([[gomoku.id, gomoku]]);

/** The rules of game `id`, or undefined for a game the center does not offer. */
export function gameRules(id: string): GameRules | undefined {
  return games.get(id);
}

/** Every game on offer, as `GET /api/games` lists them. */
export function gameList(): GameDto[] {
  return [...games.values()].map((g) => ({ id: g.id, name: g.name, players: g.players }));
}
