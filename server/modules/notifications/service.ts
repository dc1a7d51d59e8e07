/**
 * Notifications: stored first, numbered per recipient, then pushed live. A client that saw number
 * N and asks for everything after N gets exactly what it missed, on whichever node it lands.
 */
import type { Connection } from 'mongoose';
import type { NotificationDto, NotificationKind, NotificationSubject, UserDto } from '../../../shared/dto.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { Logger } from '../../logger.js';
import { AppError } from '../../errors.js';
import type { RateLimitRule, RateLimits } from '../../rate-limits.js';
import type { AccountService } from '../accounts/service.js';
import { createKeyedQueue } from '../../keyed-queue.js';
import { notificationModel, notificationSettingsModel, type NotificationRecord } from './model.js';
import type { Notifier, NotifyInput } from './notifier.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';
import { createLastNumbers } from '../../db/last-numbers.js';
import { createInvalidatedCache } from '../../invalidated-cache.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';

export interface NotificationServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: Pick<AccountService, 'getUsers'>;
  readonly logger: Logger;
  /** Where the budgets of notifications per sender and recipient are kept; without it, none apply. */
  readonly rateLimits?: RateLimits;
  /** Whether two users are friends (strangers share one budget per recipient). */
  readonly areFriends?: (a: string, b: string) => Promise<boolean>;
  /** Tells every node to forget a user's muted kinds when they change (without it: this node only). */
  readonly bus?: Pick<ClusterBus, 'broadcast' | 'onBroadcast'>;
}

/** The cluster-bus channel naming a user whose muted kinds changed. */
const mutedChannel = 'notifications:muted';

export interface NotificationList {
  readonly notifications: NotificationDto[];
  readonly unread: number;
}

/**
 * How many notifications one person may cause another (mentions, guestbook entries, comments, likes,
 * invites… together), and how many all strangers together may cause one person. Past either, the
 * notification is dropped silently: what caused it (a post, an entry) follows its own rules. A
 * stranger pushed 212 into one bell in 60 s before these budgets existed.
 */
export const notificationBudgets = {
  perSender: { name: 'notify-pair', points: 20, perSeconds: 10 * 60 },
  /** A friend's budget is wider: a lively exchange (30 comments back and forth) still rings the bell. */
  perFriend: { name: 'notify-pair-friend', points: 200, perSeconds: 10 * 60 },
  fromStrangers: { name: 'notify-strangers', points: 60, perSeconds: 10 * 60 },
} as const satisfies Record<string, RateLimitRule>;

const excerptMax = 140;
const detailMax = 300;

const clip = (s: string | undefined, max: number) => (s === undefined ? undefined : s.length > max ? `${s.slice(0, max - 1)}…` : s);

function cleanSubject(subject: NotificationSubject, count: number | undefined): NotificationSubject {
  const excerpt = clip(subject.excerpt, excerptMax);
  const detail = clip(subject.detail, detailMax);
  return {
    type: subject.type,
    id: subject.id,
    ...(excerpt === undefined ? {} : { excerpt }),
    ...(count === undefined ? {} : { count }),
    ...(detail === undefined ? {} : { detail }),
    ...(subject.parentId === undefined ? {} : { parentId: subject.parentId.slice(0, 64) }),
  };
}

export function createNotificationService({ conn, pusher, accounts, logger, rateLimits, areFriends, bus }: NotificationServiceDeps) {
  const notifications = notificationModel(conn);
  const settings = notificationSettingsModel(conn);
  const perRecipient = createKeyedQueue();
  const lastSeqs = createLastNumbers();

  const unreadOf = (userId: string) => notifications.countDocuments({ userId, read: false, superseded: false });

  async function toDtos(records: readonly NotificationRecord[]): Promise<NotificationDto[]> {
    const actorIds = records.flatMap((r) => (r.actorId ? [r.actorId] : []));
    const actors: Map<string, UserDto> = actorIds.length ? await accounts.getUsers(actorIds) : new Map<string, UserDto>();
    return records.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      actor: r.actorId ? (actors.get(r.actorId) ?? null) : null,
      subject: r.subject,
      createdAt: r.createdAt.toISOString(),
      read: r.read,
    }));
  }

  /**
   * The kinds each user muted, remembered: every notification asks, and they change only through
   * `putSettings`, which forgets them on every node (invalidated-cache.ts).
   */
  const mutedCache = createInvalidatedCache<readonly NotificationKind[]>(async (userId) => {
    const found = await settings.findById(userId, { muted: 1 }).lean();
    return found?.muted ?? [];
  });
  bus?.onBroadcast(mutedChannel, (userId) => {
    if (typeof userId === 'string') mutedCache.forget(userId);
  });
  const mutedKinds = async (userId: string): Promise<NotificationKind[]> => [...(await mutedCache.get(userId))];

  /** Whether `userId` already has the notification stored once under `onceKey`. */
  const storedOnce = async (userId: string, onceKey: string | undefined) =>
    onceKey !== undefined && (await notifications.exists({ userId, onceKey })) !== null;

  /**
   * Inserts with the next number; a duplicate key means another node took it: read again, retry.
   * Null when its once key was stored meanwhile (by another node). The recipient's last number is
   * remembered once read and advanced by this node's inserts (they run in the recipient's queue), so
   * a notification costs no read for its number; the unique `{ userId, seq }` index guards between nodes.
   */
  async function insertNext(fields: Omit<NotificationRecord, '_id' | 'seq' | 'read' | 'superseded'>): Promise<NotificationRecord | null> {
    const { userId, onceKey } = fields;
    try {
      return await lastSeqs.next(
        userId,
        async () => (await notifications.findOne({ userId }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0,
        async (seq) => recordOf<NotificationRecord>(await notifications.create({ ...fields, seq, read: false, superseded: false })),
        () => storedOnce(userId, onceKey),
      );
    } catch (err) {
      // The duplicate was its once key, stored meanwhile by another node: nothing to add.
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  async function store(input: NotifyInput): Promise<void> {
    if (await storedOnce(input.to, input.onceKey)) return;
    const groupKey = input.groupKey ?? null;
    const folded = groupKey
      ? await notifications
          .findOne({ userId: input.to, groupKey, read: false, superseded: false }, { seq: 1, subject: 1 })
          .sort({ seq: -1 })
          .lean()
      : null;
    const ownCount = input.subject.count ?? 1;
    const count = groupKey ? (folded?.subject.count ?? (folded ? 1 : 0)) + ownCount : input.subject.count;
    const record = await insertNext({
      userId: input.to,
      kind: input.kind,
      actorId: input.actorId,
      subject: cleanSubject(input.subject, count),
      groupKey,
      ...(input.onceKey === undefined ? {} : { onceKey: input.onceKey }),
      createdAt: new Date(),
    });
    if (!record) return;
    // The newer one is stored before the older is hidden: a crash in between shows both, never neither.
    if (folded) {
      await notifications.updateMany(
        { userId: input.to, groupKey, read: false, superseded: false, seq: { $lt: record.seq } },
        { $set: { superseded: true } },
      );
    }
    const [notification] = await toDtos([record]);
    const unread = await unreadOf(input.to);
    if (notification) pusher.toUser(input.to, 'notification', { notification, unread });
  }

  /** One fewer in the newest unread notification of `groupKey`; hidden when none is left. */
  async function withdrawOne(to: string, groupKey: string): Promise<void> {
    const folded = await notifications
      .findOne({ userId: to, groupKey, read: false, superseded: false }, { seq: 1, subject: 1 })
      .sort({ seq: -1 })
      .lean();
    if (!folded) return;
    const count = folded.subject.count ?? 1;
    await notifications.updateOne(
      { _id: folded._id },
      count > 1 ? { $set: { 'subject.count': count - 1 } } : { $set: { superseded: true } },
    );
  }

  /** Spends one of `key`'s notifications under `rule`; false when the budget is spent. */
  async function spend(rule: RateLimitRule, key: string): Promise<boolean> {
    if (!rateLimits) return true;
    try {
      await rateLimits.consume(rule, key);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'rate_limited') return false;
      throw err;
    }
  }

  /** Whether `actorId` may still notify `to` (system notifications always may). */
  async function withinBudget(actorId: string | null, to: string): Promise<boolean> {
    if (actorId === null) return true;
    const friends = !areFriends || (await areFriends(actorId, to));
    if (friends) return spend(notificationBudgets.perFriend, `${actorId}>${to}`);
    if (!(await spend(notificationBudgets.perSender, `${actorId}>${to}`))) return false;
    return spend(notificationBudgets.fromStrangers, to);
  }

  const notifier: Notifier = {
    async notify(input) {
      if (input.actorId !== null && input.actorId === input.to) return;
      if ((await mutedKinds(input.to)).includes(input.kind)) return;
      // Told once already: neither stored again nor counted against the budget.
      if (await storedOnce(input.to, input.onceKey)) return;
      if (!(await withinBudget(input.actorId, input.to))) {
        logger.debug({ to: input.to, actor: input.actorId, kind: input.kind }, 'notification over budget: dropped');
        return;
      }
      await perRecipient(input.to, () => store(input));
    },
    // In the recipient's queue, so it never interleaves with the fold of a like being stored.
    withdraw: (to, groupKey) => perRecipient(to, () => withdrawOne(to, groupKey)),
  };

  return {
    /** Stores a notification (numbered per recipient), then pushes it live; drops self, muted and over-budget ones. */
    notify: notifier.notify,
    withdraw: notifier.withdraw,

    /** The viewer's notifications numbered after `after`, oldest first, and the unread count. */
    async list(userId: string, after: number, limit: number): Promise<NotificationList> {
      const records = await notifications
        .find({ userId, seq: { $gt: after }, superseded: false })
        .sort({ seq: 1 })
        .limit(limit)
        .lean();
      const [dtos, unread] = await Promise.all([toDtos(records), unreadOf(userId)]);
      return { notifications: dtos, unread };
    },

    /** Marks read everything up to `upTo`; every device of the user learns the new count live. */
    async markRead(userId: string, upTo: number): Promise<{ unread: number }> {
      await notifications.updateMany({ userId, read: false, seq: { $lte: upTo } }, { $set: { read: true } });
      const unread = await unreadOf(userId);
      pusher.toUser(userId, 'notifications:read', { upTo, unread });
      return { unread };
    },

    /** The kinds the user does not want to be notified of. */
    async getSettings(userId: string): Promise<{ muted: NotificationKind[] }> {
      return { muted: await mutedKinds(userId) };
    },

    /** Replaces the muted kinds. */
    async putSettings(userId: string, muted: readonly NotificationKind[]): Promise<{ muted: NotificationKind[] }> {
      const unique = [...new Set(muted)];
      await settings.updateOne({ _id: userId }, { $set: { muted: unique } }, { upsert: true });
      if (bus) bus.broadcast(mutedChannel, userId);
      else mutedCache.forget(userId);
      logger.debug({ user: userId, muted: unique }, 'notification settings changed');
      return { muted: unique };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
