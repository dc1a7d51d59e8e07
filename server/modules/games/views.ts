/** Stored invites and matches → the DTOs the contract shows, with their users hydrated in one query. */
import type { InviteDto, MatchDto, UserDto } from '../../../shared/dto.js';
import type { AccountService } from '../accounts/service.js';
import type { InviteRecord } from './invite-model.js';
import type { MatchRecord } from './match-model.js';
import { gameRules } from './registry.js';

type Users = ReadonlyMap<string, UserDto>;

/** Someone whose account is gone still shows up as a name in old invites and matches. */
const goneUser = (id: string): UserDto => ({ id, handle: 'deleted', displayName: 'deleted', tier: 'basic' });
const userIn = (users: Users, id: string): UserDto => users.get(id) ?? goneUser(id);

export function inviteDto(r: InviteRecord, users: Users): InviteDto {
  return {
    id: r._id.toHexString(),
    from: userIn(users, r.from.toHexString()),
    to: userIn(users, r.to.toHexString()),
    game: r.game,
    status: r.status,
    expiresAt: r.expiresAt.toISOString(),
    matchId: r.matchId ? r.matchId.toHexString() : null,
  };
}

export function matchDto(r: MatchRecord, users: Users): MatchDto {
  const players = r.players.map((p) => p.toHexString());
  const rules = gameRules(r.game);
  const moves = r.moves.map((m) => ({ x: m.x, y: m.y, by: m.by.toHexString(), at: m.at.toISOString() }));
  return {
    id: r._id.toHexString(),
    game: r.game,
    players: players.map((id) => userIn(users, id)),
    board: rules ? rules.board(moves) : [],
    turn: r.status === 'active' ? (players[r.moveCount % players.length] ?? null) : null,
    winner: r.winner,
    moves,
    status: r.status,
    ...(r.endReason ? { endReason: r.endReason } : {}),
  };
}

/** Loads the users behind `records` (their from/to or players) at once. */
export async function usersOf(
  accounts: AccountService,
  records: readonly {
    readonly from?: { toHexString(): string };
    readonly to?: { toHexString(): string };
    readonly players?: readonly { toHexString(): string }[];
  }[],
): Promise<Users> {
  const ids: string[] = [];
  for (const r of records) {
    if (r.from) ids.push(r.from.toHexString());
    if (r.to) ids.push(r.to.toHexString());
    for (const p of r.players ?? []) ids.push(p.toHexString());
  }
  return accounts.getUsers(ids);
}
