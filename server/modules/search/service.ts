/**
 * Finding people: a prefix of a handle or display name (any case; Chinese works, since keys are
 * compared as folded text), through the search-key index (accounts/search-key-model.ts) — one range scan,
 * never a regular expression from user input, never a collection scan. Users who block the caller,
 * or whom the caller blocks, are left out. Suggestions: friends of friends by mutual-friend count.
 */
import { Types, type Connection } from 'mongoose';
import type { FriendSuggestionDto, UserDto } from '../../../shared/dto.js';
import type { UserSearchQuery } from '../../../shared/schemas/profile.js';
import { userModel } from '../accounts/model.js';
import { searchKeyModel } from '../accounts/search-key-model.js';
import { foldForSearch, prefixRange } from '../accounts/search-keys.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { BlockLookup } from '../blocks/lookup.js';
import { friendEdgeModel } from '../friends/model.js';

export interface SearchDeps {
  readonly conn: Connection;
  readonly accounts: Pick<AccountService, 'getUsers'>;
  readonly blocks: Pick<BlockLookup, 'separatedFrom'>;
}

/** How many friends' friend lists a suggestion pass reads at most (a very sociable user's cost bound). */
const maxFriendsRead = 500;
const maxSuggestions = 20;

export function createSearchService({ conn, accounts, blocks }: SearchDeps) {
  const users = userModel(conn);
  const keys = searchKeyModel(conn);
  const edges = friendEdgeModel(conn);

  /** Exact handle first, then handle prefixes, then name prefixes; shorter (closer) first within each. */
  function rank(q: string, u: { handle: string; displayName: string }): number {
    const handle = u.handle.toLowerCase();
    if (handle === q) return 0;
    if (handle.startsWith(q)) return 1 + handle.length / 1000;
    return 2 + foldForSearch(u.displayName).length / 1000;
  }

  return {
    async search(viewer: Viewer, query: UserSearchQuery): Promise<{ users: UserDto[] }> {
      const q = foldForSearch(query.q);
      if (!q) return { users: [] };
      const hidden = new Set(await blocks.separatedFrom(viewer.id));
      // Enough candidates to rank well; the key index keeps this a bounded range read.
      const hits = await keys
        .find({ key: prefixRange(q) }, { user: 1, _id: 0 })
        .sort({ key: 1 })
        .limit(Math.min(500, query.limit * 5 + hidden.size))
        .lean<Array<{ user: Types.ObjectId }>>();
      const ids = [...new Set(hits.map((h) => h.user.toHexString()))].filter((id) => !hidden.has(id));
      const found = ids.length
        ? await users
            .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { handle: 1, displayName: 1 })
            .lean<Array<{ _id: Types.ObjectId; handle: string; displayName: string }>>()
        : [];
      const best = found.sort((a, b) => rank(q, a) - rank(q, b)).slice(0, query.limit);
      const dtos = await accounts.getUsers(best.map((u) => u._id.toHexString()));
      return { users: best.flatMap((u) => dtos.get(u._id.toHexString()) ?? []) };
    },

    async suggestions(viewer: Viewer): Promise<{ suggestions: FriendSuggestionDto[] }> {
      const me = new Types.ObjectId(viewer.id);
      const friends = (await edges.find({ user: me }, { friend: 1, _id: 0 }).limit(maxFriendsRead).lean<Array<{ friend: Types.ObjectId }>>()).map(
        (e) => e.friend,
      );
      if (friends.length === 0) return { suggestions: [] };
      const known = new Set([viewer.id, ...friends.map((f) => f.toHexString()), ...(await blocks.separatedFrom(viewer.id))]);
      const theirs = await edges.find({ user: { $in: friends } }, { friend: 1, _id: 0 }).lean<Array<{ friend: Types.ObjectId }>>();
      const mutual = new Map<string, number>();
      for (const e of theirs) {
        const id = e.friend.toHexString();
        if (!known.has(id)) mutual.set(id, (mutual.get(id) ?? 0) + 1);
      }
      const top = [...mutual].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxSuggestions);
      const dtos = await accounts.getUsers(top.map(([id]) => id));
      return { suggestions: top.flatMap(([id, mutualFriends]) => (dtos.has(id) ? [{ user: dtos.get(id)!, mutualFriends }] : [])) };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
