/**
 * Invites between friends: create, accept, decline, cancel, expire. Each decision is one
 * conditional update from `pending`, so it happens exactly once whichever node or request gets
 * there first; every decision is pushed as `invite` to both players after it is stored.
 */
import { Types, type Model } from 'mongoose';
import type { InviteDto, MatchDto } from '../../../shared/dto.js';
import type { InviteBody } from '../../../shared/schemas/games.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import type { Notifier } from '../notifications/notifier.js';
import type { Deadlines } from './expiry.js';
import { pairKeyOf, type InviteRecord } from './invite-model.js';
import type { MatchBook } from './matches.js';
import { gameRules } from './registry.js';
import { inviteDto, usersOf } from './views.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

export interface InviteDeskDeps {
  readonly invites: Model<InviteRecord>;
  readonly matches: MatchBook;
  readonly accounts: AccountService;
  readonly friends: FriendRelations;
  readonly notifier: Notifier;
  readonly pusher: Pusher;
  readonly logger: Logger;
  readonly ttlMs: number;
  /** Where this node keeps its expiry timers (and which sweeps for every node). */
  readonly deadlines: Deadlines;
}

type Decision = 'accepted' | 'declined' | 'cancelled';

/** How many past-due invites one sweep expires; the next sweep takes the rest. */
const sweepBatch = 100;

export function createInviteDesk(d: InviteDeskDeps) {
  const { invites } = d;

  async function toDto(r: InviteRecord): Promise<InviteDto> {
    return inviteDto(r, await usersOf(d.accounts, [r]));
  }

  async function announce(r: InviteRecord): Promise<InviteDto> {
    const invite = await toDto(r);
    d.pusher.toUsers([invite.from.id, invite.to.id], 'invite', { invite });
    return invite;
  }

  /** pending → expired, once, if its time has passed; pushes the change when this call made it. */
  async function expire(id: Types.ObjectId | string): Promise<boolean> {
    const now = new Date();
    const expired = await invites
      .findOneAndUpdate(
        { _id: id, status: 'pending', expiresAt: { $lte: now } },
        { $set: { status: 'expired', decidedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<InviteRecord>();
    if (!expired) return false;
    d.deadlines.cancel(String(id));
    await announce(expired);
    return true;
  }

  /** Expires every past-due pending invite matching `filter` (all of them in the sweeper). */
  async function expireDue(filter: Record<string, unknown> = {}): Promise<void> {
    const due = await invites
      .find({ ...filter, status: 'pending', expiresAt: { $lte: new Date() } }, { _id: 1 })
      .limit(sweepBatch)
      .lean<Pick<InviteRecord, '_id'>[]>();
    for (const { _id } of due) await expire(_id);
  }

  /** The invite `id` as `viewer` may see it: only its two players; anyone else gets not_found. */
  async function requireOwn(viewer: Viewer, id: string): Promise<InviteRecord> {
    const r = await invites.findById(id).lean<InviteRecord>();
    if (!r || (!r.from.equals(viewer.id) && !r.to.equals(viewer.id))) throw notFound('invite');
    return r;
  }

  /**
   * Why a conditional decision did not apply: not the viewer's to make, already decided, or
   * expired (which this call then makes official and pushes).
   */
  async function refusal(viewer: Viewer, id: string, decision: Decision): Promise<Error> {
    const r = await requireOwn(viewer, id);
    const mine = decision === 'cancelled' ? r.from.equals(viewer.id) : r.to.equals(viewer.id);
    if (!mine) {
      return forbidden(decision === 'cancelled' ? 'only the inviter can cancel an invite' : 'only the invited player can answer an invite');
    }
    if (r.status === 'pending' && r.expiresAt.getTime() <= Date.now()) {
      await expire(r._id);
      return conflict('the invite has expired');
    }
    return conflict(`the invite is already ${r.status === 'pending' ? 'being answered' : r.status}`);
  }

  /** pending (and not past due) → `decision` by the player allowed to make it. */
  async function decide(viewer: Viewer, id: string, decision: Decision, extra: Record<string, unknown> = {}) {
    const now = new Date();
    const who = decision === 'cancelled' ? { from: viewer.id } : { to: viewer.id };
    const decided = await invites
      .findOneAndUpdate(
        { _id: id, ...who, status: 'pending', expiresAt: { $gt: now } },
        { $set: { status: decision, decidedAt: now, ...extra } },
        { returnDocument: 'after' },
      )
      .lean<InviteRecord>();
    if (!decided) throw await refusal(viewer, id, decision);
    d.deadlines.cancel(id);
    return decided;
  }

  return {
    expire,
    expireDue,

    /** Invites a friend to a game; the invite expires after the configured TTL (60 s by default). */
    async create(viewer: Viewer, input: InviteBody): Promise<{ invite: InviteDto }> {
      const rules = gameRules(input.game);
      if (!rules) throw invalid('unknown game', { game: 'unknown game' });
      const target = await d.accounts.requireByHandle(input.to);
      if (target.id === viewer.id) throw invalid('you cannot invite yourself', { to: 'you cannot invite yourself' });
      if (!(await d.friends.areFriends(viewer.id, target.id))) throw forbidden('you can only invite friends');

      const pairKey = pairKeyOf(viewer.id, target.id);
      const insert = () => {
        const now = Date.now();
        return invites.create({
          from: viewer.id,
          to: target.id,
          game: rules.id,
          pairKey,
          status: 'pending',
          createdAt: new Date(now),
          expiresAt: new Date(now + d.ttlMs),
        });
      };
      let created;
      try {
        created = await insert();
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // The pending invite in the way may only be waiting for a sweep: expire it, then try once more.
        await expireDue({ pairKey, game: rules.id });
        try {
          created = await insert();
        } catch (again) {
          if (isDuplicateKey(again)) throw conflict('there is already a pending invite between you for this game');
          throw again;
        }
      }
      const record = recordOf<InviteRecord>(created);
      d.deadlines.schedule(record._id.toHexString(), record.expiresAt, () => expire(record._id));
      const invite = await announce(record);
      try {
        await d.notifier.notify({
          to: target.id,
          kind: 'invite',
          actorId: viewer.id,
          subject: { type: 'invite', id: invite.id, detail: rules.id, excerpt: rules.name },
        });
      } catch (err) {
        // The invite stands (and was pushed live) even if its notification could not be stored.
        d.logger.warn({ err, invite: invite.id }, 'invite notification failed');
      }
      return { invite };
    },

    /** Accepts an invite (the invited player only) and starts its match. Retrying an accepted invite answers the same match. */
    async accept(viewer: Viewer, id: string): Promise<{ invite: InviteDto; match: MatchDto }> {
      const pending = await requireOwn(viewer, id);
      // Friends only, also at the moment of playing: an invite from someone since unfriended is refused.
      if (pending.status === 'pending' && !(await d.friends.areFriends(pending.from.toHexString(), pending.to.toHexString()))) {
        throw forbidden('you can only play with friends');
      }
      let decided: InviteRecord;
      try {
        decided = await decide(viewer, id, 'accepted', { matchId: new Types.ObjectId() });
      } catch (err) {
        const r = await invites.findById(id).lean<InviteRecord>();
        // A retried accept (e.g. after a lost answer) gets the match it started, not an error.
        if (!r || r.status !== 'accepted' || !r.to.equals(viewer.id) || !r.matchId) throw err;
        const match = await d.matches.startFor(r);
        return { invite: await toDto(r), match };
      }
      // The invite is decided first (exactly once); the match is then created under the id it names.
      const match = await d.matches.startFor(decided);
      const invite = await announce(decided);
      d.matches.announce(match);
      return { invite, match };
    },

    /** Declines an invite (the invited player only). */
    async decline(viewer: Viewer, id: string): Promise<{ invite: InviteDto }> {
      return { invite: await announce(await decide(viewer, id, 'declined')) };
    },

    /** Withdraws an invite (the inviter only). */
    async cancel(viewer: Viewer, id: string): Promise<{ invite: InviteDto }> {
      return { invite: await announce(await decide(viewer, id, 'cancelled')) };
    },

    /** The viewer's pending invites, both ways, newest first. */
    async pending(viewer: Viewer): Promise<{ incoming: InviteDto[]; outgoing: InviteDto[] }> {
      const live = { status: 'pending' as const, expiresAt: { $gt: new Date() } };
      const [incoming, outgoing] = await Promise.all([
        invites
          .find({ to: viewer.id, ...live })
          .sort({ createdAt: -1 })
          .limit(100)
          .lean<InviteRecord[]>(),
        invites
          .find({ from: viewer.id, ...live })
          .sort({ createdAt: -1 })
          .limit(100)
          .lean<InviteRecord[]>(),
      ]);
      const users = await usersOf(d.accounts, [...incoming, ...outgoing]);
      return { incoming: incoming.map((r) => inviteDto(r, users)), outgoing: outgoing.map((r) => inviteDto(r, users)) };
    },

    /** One invite, for its two players only. */
    async get(viewer: Viewer, id: string): Promise<{ invite: InviteDto }> {
      return { invite: await toDto(await requireOwn(viewer, id)) };
    },
  };
}

export type InviteDesk = ReturnType<typeof createInviteDesk>;
