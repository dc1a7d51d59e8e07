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
import type { Logger } from '../../logger.js';
import { markerModel } from '../accounts/model.js';
import { searchKeysOf } from '../accounts/search-keys.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';

export interface SearchDeps {
  readonly conn: Connection;
  /** Reports a failed one-time backfill of search keys. */
  readonly logger?: Pick<Logger, 'warn' | 'info'>;
  readonly accounts: Pick<AccountService, 'getUsers'>;
  readonly blocks: Pick<BlockLookup, 'separatedFrom'>;
}

/** How many friends' friend lists a suggestion pass reads at most (a very sociable user's cost bound). */
const maxFriendsRead = 500;
const maxSuggestions = 20;

export function createSearchService({ conn, accounts, blocks, logger }: SearchDeps) {
  const users = userModel(conn);
  const keys = searchKeyModel(conn);
  let closed = false;

  /**
   * Accounts made before search keys existed get theirs once, in the background, in batches
   * (any node may do it; duplicates are refused by the unique index). A marker says it is done.
   */
  async function backfill(): Promise<void> {
    const markers = markerModel(conn);
    if (await markers.exists({ _id: 'search-keys-v1' })) return;
    let after: Types.ObjectId | undefined;
    let written = 0;
    while (!closed) {
      const batch = await users
        .find(after ? { _id: { $gt: after } } : {}, { handle: 1, displayName: 1 })
        .sort({ _id: 1 })
        .limit(500)
        .lean<Array<{ _id: Types.ObjectId; handle: string; displayName: string }>>();
      if (batch.length === 0) break;
      const docs = batch.flatMap((u) => searchKeysOf(u.handle, u.displayName).map((key) => ({ key, user: u._id })));
      try {
        written += (await keys.insertMany(docs, { ordered: false })).length;
      } catch (err) {
        if (!isDuplicateKey(err) && !(err as { writeErrors?: unknown }).writeErrors) throw err;
      }
      after = batch[batch.length - 1]!._id;
    }
    if (closed) return;
    try {
      await markers.create({ _id: 'search-keys-v1', userId: 'system' });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    if (written) logger?.info({ written }, 'search keys written for existing accounts');
  }
  const backfilling = backfill().catch((err: unknown) => {
    if (!closed) logger?.warn({ err }, 'search key backfill failed; it runs again at the next start');
  });
  const edges = friendEdgeModel(conn);

  /** Exact handle first, then handle prefixes, then name prefixes; shorter (closer) first within each. */
  function rank(q: string, u: { handle: string; displayName: string }): number {
    const handle = u.handle.toLowerCase();
    if (handle === q) return 0;
    if (handle.startsWith(q)) return 1 + handle.length / 1000;
    return 2 + foldForSearch(u.displayName).length / 1000;
  }

  return {
    /** Stops the backfill between batches (hub shutdown). */
    async close(): Promise<void> {
      closed = true;
      await backfilling;
    },

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
      const friends = (
        await edges.find({ user: me }, { friend: 1, _id: 0 }).limit(maxFriendsRead).lean<Array<{ friend: Types.ObjectId }>>()
      ).map((e) => e.friend);
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
