/** Shared steps of the game-center tests: friends who invite each other and start a match. */
import { expect } from 'vitest';
import type { InviteDto, MatchDto } from '../../../shared/dto.js';
import { emitAck, makeFriends, registerUser, type TestSocket, type TestUser } from '../../helpers/index.js';

interface HubLike {
  readonly url: string;
}

/** Two fresh users who are friends. */
export async function friendPair(hub: HubLike, a = 'alice', b = 'bob'): Promise<[TestUser, TestUser]> {
  const alice = await registerUser(hub, a);
  const bob = await registerUser(hub, b);
  await makeFriends(alice, bob);
  return [alice, bob];
}

/** `from` invites `to` to Gomoku; the invite as answered. */
export async function invite(from: TestUser, to: TestUser): Promise<InviteDto> {
  const res = await from.api.send('POST /invites', { body: { to: to.handle, game: 'gomoku' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.invite;
}

/** `from` invites `to`, who accepts: the match that starts (`from` plays black). */
export async function startMatch(from: TestUser, to: TestUser): Promise<MatchDto> {
  const inv = await invite(from, to);
  const res = await to.api.send('POST /invites/:id/accept', { params: { id: inv.id } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.match;
}

/** Plays a move that must be accepted; the match after it. */
export async function move(socket: TestSocket, matchId: string, x: number, y: number): Promise<MatchDto> {
  const ack = await emitAck(socket, 'game:move', { matchId, x, y });
  if (!ack.ok) throw new Error(`move (${x},${y}) refused: ${ack.error.code} ${ack.error.message}`);
  return ack.match;
}
