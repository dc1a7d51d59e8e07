/** Builds the presence service with the tracker that fits: Redis in a cluster, memory otherwise. */
import type { Logger } from '../../logger.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { RedisClients } from '../../redis.js';
import type { FriendRelations } from '../friends/relations.js';
import { createRedisTracker } from './redis-tracker.js';
import { createPresenceService, type PresenceService } from './service.js';
import { createMemoryTracker } from './tracker.js';

export interface PresenceDeps {
  readonly pusher: Pusher;
  readonly friends: Pick<FriendRelations, 'friendIds'>;
  readonly logger: Logger;
  readonly redis: RedisClients | undefined;
  readonly redisPrefix: string;
  readonly nodeId: string;
  /** How long a crashed node's sockets keep their users online (Redis only). */
  readonly ttlMs?: number;
  /** How long a user must stay away before friends are told they went offline. */
  readonly offlineGraceMs?: number;
}

export function createPresence({
  pusher,
  friends,
  logger,
  redis,
  redisPrefix,
  nodeId,
  ttlMs,
  offlineGraceMs,
}: PresenceDeps): PresenceService {
  const tracker = redis
    ? createRedisTracker({
        redis: redis.commands,
        prefix: redisPrefix,
        nodeId,
        logger,
        ...(ttlMs === undefined ? {} : { ttlMs }),
        // Expiries come from Redis later on, never while this is being built.
        onExpired: (userId) => service.expired(userId),
      })
    : createMemoryTracker();
  const service = createPresenceService({ pusher, friends, tracker, logger, ...(offlineGraceMs === undefined ? {} : { offlineGraceMs }) });
  return service;
}
