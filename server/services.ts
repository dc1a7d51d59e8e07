/**
 * The composition of the domain services. Each service gets its dependencies passed in (no
 * singletons), so a test or a second hub in the same process builds its own set.
 */
import type { Connection } from 'mongoose';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { RateLimits } from './rate-limits.js';
import type { Pusher } from './realtime/pusher.js';
import type { RedisClients } from './redis.js';
import { createAccountService } from './modules/accounts/service.js';
import type { TokenSigner } from './modules/accounts/tokens.js';
import { createFriendService } from './modules/friends/service.js';
import { createNotificationService } from './modules/notifications/service.js';
import { createPresence } from './modules/presence/index.js';
import { createSpaceService } from './modules/spaces/service.js';
import { createPostService } from './modules/posts/service.js';
import { createGameService } from './modules/games/service.js';
import { invalid } from './errors.js';

export interface CoreDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly rateLimits: RateLimits;
  readonly tokens: TokenSigner;
  readonly redis: RedisClients | undefined;
}

export function createServices(deps: CoreDeps) {
  const accounts = createAccountService({
    conn: deps.conn,
    tokens: deps.tokens,
    rateLimits: deps.rateLimits,
    rateLimitScale: deps.config.rateLimitScale,
  });
  const notifications = createNotificationService({ conn: deps.conn, pusher: deps.pusher, accounts, logger: deps.logger });
  const notifier = notifications;
  const friends = createFriendService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    notifier,
    rateLimitScale: deps.config.rateLimitScale,
  });
  const spaces = createSpaceService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    notifier,
    // replaced when moderation lands: pass the moderation service to screen guestbook text
    screen: undefined,
    rateLimitScale: deps.config.rateLimitScale,
  });
  const presence = createPresence({
    pusher: deps.pusher,
    friends,
    logger: deps.logger,
    redis: deps.redis,
    redisPrefix: deps.config.redisPrefix,
    nodeId: deps.config.nodeId,
  });
  const posts = createPostService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    friends,
    notifier,
    // replaced when moderation lands
    screen: { screen: () => ({ action: 'allow' }) },
    // replaced when albums lands
    photos: {
      resolveOwn: async (_ownerId, ids) => {
        if (ids.length) throw invalid('images: no such photos', { images: 'must be your own photos' });
        return [];
      },
      byIds: async () => new Map(),
    },
    logger: deps.logger,
    rateLimitScale: deps.config.rateLimitScale,
  });
  const games = createGameService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    friends,
    notifier,
    logger: deps.logger,
    config: deps.config,
  });
  return { accounts, notifications, friends, spaces, presence, posts, games };
}

export type Services = ReturnType<typeof createServices>;

/** Stops timers and background work that services started. */
export async function closeServices(services: Services): Promise<void> {
  await Promise.allSettled(
    Object.values(services).map((s) => (s as { close?: () => Promise<void> | void }).close?.()),
  );
}
