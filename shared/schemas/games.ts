/** Input schemas of the game center: invites between friends and moves in a match. */
import { z } from 'zod';
import { handle, objectId } from './common.js';

/** A game id as the registry names it (`gomoku`); unknown ids are refused by the service. */
export const gameId = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9_-]+$/, 'must be a game id');

export const inviteBody = z.strictObject({ to: handle, game: gameId });
export type InviteBody = z.infer<typeof inviteBody>;

/** A board coordinate: Gomoku's board is 15×15, so 0–14. */
const coordinate = z.number().int('must be a whole number').min(0, 'must be on the board (0–14)').max(14, 'must be on the board (0–14)');

export const moveEvent = z.strictObject({ matchId: objectId, x: coordinate, y: coordinate });
export type MoveEvent = z.infer<typeof moveEvent>;

/** `?before=<matchId>&limit=<n>` over a space's matches, newest first. */
export const matchPageQuery = z.strictObject({
  before: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type MatchPageQuery = z.infer<typeof matchPageQuery>;
